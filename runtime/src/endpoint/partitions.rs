//! The AWS partition table behind `aws.partition`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use super::error::PartitionsError;
use super::json_tree::Json;
use super::value::Value;
use crate::types::Document;

/// The partition table this crate ships: `runtime/data/partitions.json` (see
/// `runtime/data/PROVENANCE.md`).
const EMBEDDED: &str = include_str!("../../data/partitions.json");

/// An AWS partition table (`partitions.json`): which partition a region belongs to, and that
/// partition's DNS suffixes and capabilities.
///
/// [`Partitions::aws`] is the table this crate ships; [`Partitions::parse`] reads any other.
pub struct Partitions {
    partitions: Vec<Partition>,
    /// Every listed region's `aws.partition` result.
    regions: HashMap<String, Value>,
}

struct Partition {
    id: String,
    /// The partition's `regionRegex`, matched against the whole region name.
    region_regex: regress::Regex,
    /// The `aws.partition` result for regions matched by the regex or by nothing.
    outputs: Value,
}

impl Partitions {
    /// The table shipped with this crate, parsed on first use.
    pub fn aws() -> &'static Partitions {
        Self::shipped()
    }

    /// The shipped table, shared.
    pub(crate) fn aws_shared() -> Arc<Partitions> {
        Arc::clone(Self::shipped())
    }

    fn shipped() -> &'static Arc<Partitions> {
        static TABLE: OnceLock<Arc<Partitions>> = OnceLock::new();
        // The shipped table parses (a test checks); were it broken, `aws.partition` would find
        // no partition and rules would fail with their own errors rather than panic here.
        TABLE.get_or_init(|| {
            Arc::new(Partitions::parse(EMBEDDED).unwrap_or_else(|_| Partitions::empty()))
        })
    }

    /// A table with no partitions: `aws.partition` finds nothing.
    pub fn empty() -> Partitions {
        Partitions {
            partitions: Vec::new(),
            regions: HashMap::new(),
        }
    }

    /// Parses a table in the `partitions.json` format: `{"partitions": [{"id", "regionRegex",
    /// "regions": {name: {overrides}}, "outputs": {...}}]}`.
    pub fn parse(json: &str) -> Result<Partitions, PartitionsError> {
        let root = Json::parse(json).map_err(|e| PartitionsError::new(e.to_string()))?;
        let Some(Json::Array(items)) = root.get("partitions") else {
            return Err(PartitionsError::new("expected a `partitions` array"));
        };
        let mut table = Partitions::empty();
        for (index, item) in items.iter().enumerate() {
            let partition = partition(item).map_err(|message| {
                PartitionsError::new(format!("partitions[{index}]: {message}"))
            })?;
            if let Some(Json::Object(regions)) = item.get("regions") {
                for (region, overrides) in regions {
                    let outputs = with_overrides(&partition.outputs, overrides)
                        .map_err(|m| PartitionsError::new(format!("region {region}: {m}")))?;
                    // A region listed twice belongs to the first partition listing it.
                    table.regions.entry(region.clone()).or_insert(outputs);
                }
            }
            table.partitions.push(partition);
        }
        Ok(table)
    }

    /// What `aws.partition(region)` gives: the partition's `name`, `dnsSuffix`,
    /// `dualStackDnsSuffix`, `supportsFIPS`, `supportsDualStack` and `implicitGlobalRegion`.
    pub fn partition_of(&self, region: &str) -> Option<Document> {
        self.lookup(region).map(Value::to_document)
    }

    /// `aws.partition(region)`: the partition listing `region`, else the first whose regex
    /// matches it, else the `aws` partition; `None` only when there is no `aws` partition.
    pub(crate) fn lookup(&self, region: &str) -> Option<&Value> {
        if let Some(outputs) = self.regions.get(region) {
            return Some(outputs);
        }
        self.partitions
            .iter()
            .find(|p| p.region_regex.find(region).is_some())
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"))
            .map(|p| &p.outputs)
    }
}

impl fmt::Debug for Partitions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Partitions")
            .field(
                "partitions",
                &self.partitions.iter().map(|p| &p.id).collect::<Vec<_>>(),
            )
            .field("regions", &self.regions.len())
            .finish()
    }
}

fn partition(json: &Json) -> Result<Partition, String> {
    let Some(Json::String(id)) = json.get("id") else {
        return Err("expected a string `id`".into());
    };
    let Some(Json::String(regex)) = json.get("regionRegex") else {
        return Err("expected a string `regionRegex`".into());
    };
    // Anchored so that the whole region name must match, as Java's `matches` does.
    let region_regex = regress::Regex::new(&format!("^(?:{regex})$"))
        .map_err(|e| format!("invalid regionRegex {regex:?}: {e}"))?;
    let Some(Json::Object(members)) = json.get("outputs") else {
        return Err("expected an `outputs` object".into());
    };
    let mut fields = Vec::with_capacity(members.len() + 1);
    for (key, value) in members {
        fields.push((
            key.clone(),
            scalar(value).map_err(|m| format!("outputs.{key}: {m}"))?,
        ));
    }
    if !fields.iter().any(|(key, _)| key == "name") {
        fields.push(("name".to_owned(), Value::String(id.clone())));
    }
    Ok(Partition {
        id: id.clone(),
        region_regex,
        outputs: Value::Record(fields),
    })
}

/// The partition's outputs with a region's own values (other than its `description`) on top.
fn with_overrides(outputs: &Value, overrides: &Json) -> Result<Value, String> {
    let Json::Object(members) = overrides else {
        return Err("expected an object".into());
    };
    let Value::Record(fields) = outputs else {
        return Err("partition outputs are not a record".into());
    };
    let mut fields = fields.clone();
    for (key, value) in members.iter().filter(|(key, _)| key != "description") {
        let value = scalar(value).map_err(|m| format!("{key}: {m}"))?;
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value,
            None => fields.push((key.clone(), value)),
        }
    }
    Ok(Value::Record(fields))
}

fn scalar(json: &Json) -> Result<Value, String> {
    match json {
        Json::String(s) => Ok(Value::String(s.clone())),
        Json::Bool(b) => Ok(Value::Bool(*b)),
        other => Err(format!(
            "expected a string or boolean, found {}",
            other.kind()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"{
        "version": "1.1",
        "partitions": [
            {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
             "regions": {"aws-global": {"description": "global"},
                         "us-east-1": {"description": "N. Virginia", "supportsFIPS": false}},
             "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com",
                         "dualStackDnsSuffix": "api.aws", "supportsFIPS": true,
                         "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}},
            {"id": "aws-cn", "regionRegex": "^cn\\-\\w+\\-\\d+$",
             "regions": {"cn-north-1": {}},
             "outputs": {"dnsSuffix": "amazonaws.com.cn", "dualStackDnsSuffix": "api.cn",
                         "supportsFIPS": true, "supportsDualStack": false}}
        ]
    }"#;

    fn field<'a>(value: &'a Value, key: &str) -> &'a Value {
        value.field(key).unwrap_or(&Value::None)
    }

    fn name_of(table: &Partitions, region: &str) -> Value {
        field(table.lookup(region).unwrap(), "name").clone()
    }

    #[test]
    fn listed_regions_then_regex_then_aws() {
        let table = Partitions::parse(TABLE).unwrap();
        assert_eq!(name_of(&table, "aws-global"), Value::String("aws".into()));
        assert_eq!(
            name_of(&table, "cn-north-1"),
            Value::String("aws-cn".into())
        );
        assert_eq!(name_of(&table, "cn-west-9"), Value::String("aws-cn".into()));
        assert_eq!(name_of(&table, "eu-south-7"), Value::String("aws".into()));
        // Matched by nothing: the aws partition.
        assert_eq!(name_of(&table, "mars-east-1"), Value::String("aws".into()));
        assert_eq!(name_of(&table, ""), Value::String("aws".into()));
        // The regex must match the whole name.
        assert_eq!(name_of(&table, "xcn-north-1x"), Value::String("aws".into()));
    }

    #[test]
    fn region_overrides_and_missing_name() {
        let table = Partitions::parse(TABLE).unwrap();
        let east = table.lookup("us-east-1").unwrap();
        assert_eq!(field(east, "supportsFIPS"), &Value::Bool(false));
        assert_eq!(field(east, "description"), &Value::None);
        let west = table.lookup("us-west-2").unwrap();
        assert_eq!(field(west, "supportsFIPS"), &Value::Bool(true));
        let cn = table.lookup("cn-north-1").unwrap();
        assert_eq!(
            field(cn, "dnsSuffix"),
            &Value::String("amazonaws.com.cn".into())
        );
        assert_eq!(field(cn, "implicitGlobalRegion"), &Value::None);
    }

    #[test]
    fn no_aws_partition_means_none() {
        let table = Partitions::parse(
            r#"{"partitions": [{"id": "x", "regionRegex": "^x$", "regions": {}, "outputs": {}}]}"#,
        )
        .unwrap();
        assert!(table.lookup("x").is_some());
        assert!(table.lookup("y").is_none());
        assert!(Partitions::empty().lookup("us-east-1").is_none());
    }

    #[test]
    fn malformed_tables_are_errors() {
        for json in [
            "",
            "[]",
            r#"{"partitions": {}}"#,
            r#"{"partitions": [{"regionRegex": "x", "outputs": {}}]}"#,
            r#"{"partitions": [{"id": "a", "regionRegex": "(", "outputs": {}}]}"#,
            r#"{"partitions": [{"id": "a", "regionRegex": "x"}]}"#,
            r#"{"partitions": [{"id": "a", "regionRegex": "x", "outputs": {"n": 1}}]}"#,
            r#"{"partitions": [{"id": "a", "regionRegex": "x", "outputs": {}, "regions": {"r": 1}}]}"#,
        ] {
            let error = Partitions::parse(json).err();
            assert!(error.is_some(), "{json}");
            assert!(
                error
                    .unwrap()
                    .to_string()
                    .starts_with("invalid partition table: ")
            );
        }
    }

    #[test]
    fn the_shipped_table_parses() {
        let table = Partitions::parse(EMBEDDED).unwrap();
        assert!(table.partitions.len() >= 8, "{table:?}");
        assert_eq!(name_of(&table, "us-west-2"), Value::String("aws".into()));
        assert_eq!(
            name_of(&table, "cn-north-1"),
            Value::String("aws-cn".into())
        );
        assert_eq!(
            name_of(&table, "us-gov-west-1"),
            Value::String("aws-us-gov".into())
        );
        assert_eq!(
            name_of(Partitions::aws(), "us-isob-east-1"),
            Value::String("aws-iso-b".into())
        );
    }
}
