// @simplekit/contacts-model: public API. Each module exports from here only.
export {};
