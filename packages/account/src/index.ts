// @simplekit/account: public API. Each module exports from here only.
export {};
