// @simplekit/testbed: public API. Each module exports from here only.
export {};
