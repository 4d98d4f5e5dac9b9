//! What the benchmark binaries share (`pyrer-bench`, `latencyfs`).

#[cfg(target_os = "linux")]
pub mod mounts;
