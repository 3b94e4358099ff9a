// @simplekit/xcap: public API. Each module exports from here only.
export {};
