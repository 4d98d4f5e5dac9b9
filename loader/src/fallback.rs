//! What only rez can load: the trait the Python bindings implement with rez itself.

use rer_resolver::PackageData;

/// rez's own loads, for the packages and families the loader cannot read
/// statically. `Err` is rez's error as text (`rez could not load ...: Kind: message`).
/// Implementations are called from any thread, never holding the loader's locks.
pub trait RezFallback: Send + Sync {
    /// rez's load of the package file of `name`/`version` under root number
    /// `root` (`version` "" for an unversioned package); `path` is the file.
    fn package(
        &self,
        root: usize,
        name: &str,
        version: &str,
        path: &std::path::Path,
    ) -> Result<PackageData, String>;

    /// The family as rez's `iter_packages` gives it over all the roots, every
    /// version (a combined family, or one whose directory could not be listed).
    fn family(&self, name: &str) -> Result<Vec<(String, PackageData)>, String>;
}
