// Stands in for the `electron` module in src-main unit tests (filled in by the adapters' tests).
export {};
