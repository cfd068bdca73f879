// Resolution target for modules a process must not import (see tsconfig paths). It declares nothing, so any
// import of `electron`, `electron-store` or `node:*` from a forbidden zone fails to type-check.
export {};
