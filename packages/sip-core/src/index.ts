// @simplekit/sip-core: public API. Each module exports from here only.
export {};
