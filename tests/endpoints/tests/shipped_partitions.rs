//! The partition table the runtime ships is the newest one in `../shared`.

#[test]
fn the_shipped_partition_table_is_partitions_latest() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let shipped = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../runtime/data/partitions.json"
    );
    let latest = shared.join("endpoints/partitions-latest.json");
    let read = |path: &std::path::Path| {
        std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    assert!(
        read(std::path::Path::new(shipped)) == read(&latest),
        "runtime/data/partitions.json differs from {}: copy it again (and update \
         runtime/data/PROVENANCE.md)",
        latest.display()
    );
}
