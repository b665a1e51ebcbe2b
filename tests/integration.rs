//! Integration tests: run the `assay` binary on fixture files.
