//! Empty: this package exists for its one integration-test binary, `tests/integration/`.
