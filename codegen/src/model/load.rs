//! Reads a Smithy JSON AST document into a [`Model`], collecting every structural problem.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::{
    Member, Model, Operation, Resource, Service, Shape, ShapeKind, ShapeRef, Simple, SmithyVersion,
    Traits, prelude, traits,
};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};

/// Parses a Smithy JSON AST document (IDL 1.0 or 2.0).
///
/// Unknown traits are kept. Every problem found is recorded in `diagnostics`; the returned model
/// holds whatever could be read, so later phases can report their own problems too. `None` means
/// the document could not be used at all (invalid JSON, or not a Smithy model).
pub fn load(source: &[u8], diagnostics: &mut Diagnostics) -> Option<Model> {
    let document: Value = match serde_json::from_slice(source) {
        Ok(value) => value,
        Err(error) => {
            let message = syntax_message(&error);
            diagnostics.push(Diagnostic::syntax(error.line(), error.column(), message));
            return None;
        }
    };
    let Value::Object(root) = document else {
        diagnostics.error(
            JsonPath::root(),
            "a Smithy JSON AST model must be a JSON object",
        );
        return None;
    };
    let version = read_version(&root, diagnostics);
    let mut reader = Reader { diagnostics };
    let mut shapes = BTreeMap::new();
    let mut applies = Vec::new();
    match root.get("shapes") {
        Some(Value::Object(entries)) => {
            for (id, value) in entries {
                let path = JsonPath::shape(id);
                if !is_valid_shape_id(id) {
                    reader.error(
                        path.clone(),
                        format!("`{id}` is not an absolute shape id (expected `namespace#Name`)"),
                    );
                    continue;
                }
                match reader.shape(id, value, &path) {
                    Some(Entry::Shape(shape)) => {
                        shapes.insert(id.clone(), *shape);
                    }
                    Some(Entry::Apply(traits)) => applies.push((id.clone(), traits, path)),
                    None => {}
                }
            }
        }
        Some(_) => reader.error(JsonPath::root().key("shapes"), "`shapes` must be an object"),
        None => {}
    }
    for shape in prelude::shapes() {
        shapes.entry(shape.id.clone()).or_insert(shape);
    }
    apply_mixins(&mut shapes, reader.diagnostics);
    for (id, traits, path) in applies {
        apply_traits(&mut shapes, &id, &traits, &path, reader.diagnostics);
    }
    Some(Model { version, shapes })
}

fn syntax_message(error: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is reported separately.
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(index) => text[..index].to_owned(),
        None => text,
    };
    format!("invalid JSON: {text}")
}

fn read_version(root: &Map<String, Value>, diagnostics: &mut Diagnostics) -> SmithyVersion {
    let path = JsonPath::root().key("smithy");
    match root.get("smithy") {
        Some(Value::String(version)) if version == "2.0" || version == "2" => SmithyVersion::V2,
        Some(Value::String(version)) if version == "1.0" || version == "1" => SmithyVersion::V1,
        Some(Value::String(version)) => {
            diagnostics.error(
                path,
                format!(
                    "unsupported Smithy IDL version \"{version}\" (expected \"1.0\" or \"2.0\")"
                ),
            );
            SmithyVersion::V2
        }
        Some(_) => {
            diagnostics.error(path, "`smithy` must be a version string such as \"2.0\"");
            SmithyVersion::V2
        }
        None => {
            diagnostics.error(
                path,
                "missing `smithy` version: this does not look like a Smithy JSON AST model",
            );
            SmithyVersion::V2
        }
    }
}

/// `namespace#Name` (or `namespace#Name$member` for `apply`).
fn is_valid_shape_id(id: &str) -> bool {
    let Some((namespace, rest)) = id.split_once('#') else {
        return false;
    };
    let name = rest.split_once('$').map_or(rest, |(name, _)| name);
    !namespace.is_empty()
        && namespace
            .split('.')
            .all(|part| is_identifier(part) && !part.is_empty())
        && is_identifier(name)
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

enum Entry {
    Shape(Box<Shape>),
    Apply(Traits),
}

struct Reader<'d> {
    diagnostics: &'d mut Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, path: JsonPath, message: impl Into<String>) {
        self.diagnostics.error(path, message);
    }

    fn shape(&mut self, id: &str, value: &Value, path: &JsonPath) -> Option<Entry> {
        let Value::Object(object) = value else {
            self.error(path.clone(), "a shape must be a JSON object");
            return None;
        };
        let Some(type_name) = object.get("type").and_then(Value::as_str) else {
            self.error(path.key("type"), "missing shape `type`");
            return None;
        };
        let traits = self.traits(object.get("traits"), path);
        if type_name == "apply" {
            return Some(Entry::Apply(traits));
        }
        if id.contains('$') {
            self.error(
                path.clone(),
                "only `apply` entries may use a member id (`Shape$member`)",
            );
            return None;
        }
        let kind = match type_name {
            "blob" => ShapeKind::Simple(Simple::Blob),
            "boolean" => ShapeKind::Simple(Simple::Boolean),
            "string" => ShapeKind::Simple(Simple::String),
            "byte" => ShapeKind::Simple(Simple::Byte),
            "short" => ShapeKind::Simple(Simple::Short),
            "integer" => ShapeKind::Simple(Simple::Integer),
            "long" => ShapeKind::Simple(Simple::Long),
            "float" => ShapeKind::Simple(Simple::Float),
            "double" => ShapeKind::Simple(Simple::Double),
            "bigInteger" => ShapeKind::Simple(Simple::BigInteger),
            "bigDecimal" => ShapeKind::Simple(Simple::BigDecimal),
            "timestamp" => ShapeKind::Simple(Simple::Timestamp),
            "document" => ShapeKind::Simple(Simple::Document),
            "enum" => ShapeKind::Enum {
                members: self.members(object, path, true),
            },
            "intEnum" => ShapeKind::IntEnum {
                members: self.members(object, path, true),
            },
            // A set is a list with unique items (Smithy 1.0; deprecated in 2.0).
            "list" | "set" => ShapeKind::List {
                member: self.required_member(object, "member", path)?,
            },
            "map" => ShapeKind::Map {
                key: self.required_member(object, "key", path)?,
                value: self.required_member(object, "value", path)?,
            },
            "structure" => ShapeKind::Structure {
                members: self.members(object, path, false),
            },
            "union" => ShapeKind::Union {
                members: self.members(object, path, false),
            },
            "service" => ShapeKind::Service(self.service(object, path)),
            "operation" => ShapeKind::Operation(self.operation(object, path)),
            "resource" => ShapeKind::Resource(self.resource(object, path)),
            other => {
                self.error(path.key("type"), format!("unknown shape type `{other}`"));
                return None;
            }
        };
        let mut traits = traits;
        if type_name == "set" {
            traits.insert(
                "smithy.api#uniqueItems".to_owned(),
                Value::Object(Map::new()),
            );
        }
        if let Some(mixins) = object.get("mixins") {
            let refs = self.shape_refs(Some(mixins), &path.key("mixins"));
            let list = refs.into_iter().map(|r| Value::String(r.target)).collect();
            // Kept as a synthetic trait until mixins are applied after loading.
            traits.insert(MIXINS_KEY.to_owned(), Value::Array(list));
        }
        Some(Entry::Shape(Box::new(Shape {
            id: id.to_owned(),
            kind,
            traits,
            path: path.clone(),
        })))
    }

    fn traits(&mut self, value: Option<&Value>, owner: &JsonPath) -> Traits {
        let mut traits = Traits::default();
        match value {
            None => {}
            Some(Value::Object(entries)) => {
                for (id, value) in entries {
                    if !is_valid_shape_id(id) {
                        self.error(
                            owner.trait_(id),
                            format!("trait id `{id}` is not an absolute shape id"),
                        );
                        continue;
                    }
                    traits.insert(id.clone(), value.clone());
                }
            }
            Some(_) => self.error(owner.key("traits"), "`traits` must be an object"),
        }
        traits
    }

    fn member(&mut self, name: &str, value: &Value, path: &JsonPath) -> Option<Member> {
        let Value::Object(object) = value else {
            self.error(path.clone(), "a member must be a JSON object");
            return None;
        };
        let Some(target) = object.get("target").and_then(Value::as_str) else {
            self.error(path.key("target"), "missing member `target`");
            return None;
        };
        let traits = self.traits(object.get("traits"), path);
        Some(Member {
            name: name.to_owned(),
            target: target.to_owned(),
            traits,
            path: path.clone(),
        })
    }

    fn required_member(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        path: &JsonPath,
    ) -> Option<Member> {
        match object.get(key) {
            Some(value) => self.member(key, value, &path.key(key)),
            None => {
                self.error(path.key(key), format!("missing `{key}`"));
                None
            }
        }
    }

    fn members(
        &mut self,
        object: &Map<String, Value>,
        path: &JsonPath,
        is_enum: bool,
    ) -> Vec<Member> {
        let members_path = path.key("members");
        match object.get("members") {
            None => Vec::new(),
            Some(Value::Object(entries)) => entries
                .iter()
                .filter_map(|(name, value)| {
                    let member_path = members_path.key(name);
                    if !is_identifier(name) {
                        self.error(
                            member_path,
                            format!("member name `{name}` is not a Smithy identifier"),
                        );
                        return None;
                    }
                    if is_enum && value.get("target").is_none() {
                        // Enum members may omit the target (it is always `smithy.api#Unit`).
                        let traits = self.traits(value.get("traits"), &member_path);
                        return Some(Member {
                            name: name.clone(),
                            target: prelude::UNIT.to_owned(),
                            traits,
                            path: member_path,
                        });
                    }
                    self.member(name, value, &member_path)
                })
                .collect(),
            Some(_) => {
                self.error(members_path, "`members` must be an object");
                Vec::new()
            }
        }
    }

    fn shape_ref(&mut self, value: &Value, path: &JsonPath) -> Option<ShapeRef> {
        match value.get("target").and_then(Value::as_str) {
            Some(target) => Some(ShapeRef {
                target: target.to_owned(),
                path: path.key("target"),
            }),
            None => {
                self.error(
                    path.clone(),
                    "expected a shape reference `{\"target\": \"ns#Name\"}`",
                );
                None
            }
        }
    }

    fn optional_ref(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        path: &JsonPath,
    ) -> Option<ShapeRef> {
        object
            .get(key)
            .and_then(|value| self.shape_ref(value, &path.key(key)))
    }

    fn shape_refs(&mut self, value: Option<&Value>, path: &JsonPath) -> Vec<ShapeRef> {
        match value {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.shape_ref(item, &path.index(i)))
                .collect(),
            Some(_) => {
                self.error(path.clone(), "expected a list of shape references");
                Vec::new()
            }
        }
    }

    fn service(&mut self, object: &Map<String, Value>, path: &JsonPath) -> Service {
        let mut rename = BTreeMap::new();
        match object.get("rename") {
            None => {}
            Some(Value::Object(entries)) => {
                for (id, name) in entries {
                    match name.as_str() {
                        Some(name) => {
                            rename.insert(id.clone(), name.to_owned());
                        }
                        None => self.error(
                            path.key("rename").key(id),
                            "a rename must map a shape id to a string",
                        ),
                    }
                }
            }
            Some(_) => self.error(path.key("rename"), "`rename` must be an object"),
        }
        Service {
            version: object
                .get("version")
                .and_then(Value::as_str)
                .map(str::to_owned),
            operations: self.shape_refs(object.get("operations"), &path.key("operations")),
            resources: self.shape_refs(object.get("resources"), &path.key("resources")),
            errors: self.shape_refs(object.get("errors"), &path.key("errors")),
            rename,
        }
    }

    fn operation(&mut self, object: &Map<String, Value>, path: &JsonPath) -> Operation {
        Operation {
            input: self.optional_ref(object, "input", path),
            output: self.optional_ref(object, "output", path),
            errors: self.shape_refs(object.get("errors"), &path.key("errors")),
        }
    }

    fn resource(&mut self, object: &Map<String, Value>, path: &JsonPath) -> Resource {
        let mut operations = Vec::new();
        for key in ["create", "put", "read", "update", "delete", "list"] {
            operations.extend(self.optional_ref(object, key, path));
        }
        operations.extend(self.shape_refs(object.get("operations"), &path.key("operations")));
        operations.extend(self.shape_refs(
            object.get("collectionOperations"),
            &path.key("collectionOperations"),
        ));
        Resource {
            operations,
            resources: self.shape_refs(object.get("resources"), &path.key("resources")),
        }
    }
}

/// Synthetic trait key holding a shape's mixin list until mixins are applied.
const MIXINS_KEY: &str = "shapegen.internal#mixins";

/// Copies mixin members and traits into the shapes that use them (Smithy 2.0 mixins).
fn apply_mixins(shapes: &mut BTreeMap<String, Shape>, diagnostics: &mut Diagnostics) {
    let users: Vec<String> = shapes
        .values()
        .filter(|shape| shape.traits.has(MIXINS_KEY))
        .map(|shape| shape.id.clone())
        .collect();
    let mut done = BTreeSet::new();
    for id in users {
        let mut visiting = BTreeSet::new();
        resolve_mixins(shapes, &id, &mut done, &mut visiting, diagnostics);
    }
}

fn resolve_mixins(
    shapes: &mut BTreeMap<String, Shape>,
    id: &str,
    done: &mut BTreeSet<String>,
    visiting: &mut BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) {
    if done.contains(id) {
        return;
    }
    let Some(shape) = shapes.get_mut(id) else {
        return;
    };
    let Some(list) = shape.traits.remove(MIXINS_KEY) else {
        done.insert(id.to_owned());
        return;
    };
    let path = shape.path.key("mixins");
    visiting.insert(id.to_owned());
    let mixin_ids: Vec<String> = list
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut inherited_members = Vec::new();
    let mut inherited_traits = Traits::default();
    for (index, mixin_id) in mixin_ids.iter().enumerate() {
        if visiting.contains(mixin_id) {
            diagnostics.error(
                path.index(index),
                format!("mixin cycle through `{mixin_id}`"),
            );
            continue;
        }
        resolve_mixins(shapes, mixin_id, done, visiting, diagnostics);
        let Some(mixin) = shapes.get(mixin_id) else {
            diagnostics.error(
                path.index(index).key("target"),
                format!("unknown mixin `{mixin_id}`"),
            );
            continue;
        };
        if !mixin.traits.has(traits::MIXIN) {
            diagnostics.error(
                path.index(index).key("target"),
                format!("`{mixin_id}` is used as a mixin but lacks the `smithy.api#mixin` trait"),
            );
        }
        if let Some(members) = members_of(&mixin.kind) {
            inherited_members.extend(members.iter().cloned());
        }
        for (trait_id, value) in mixin.traits.iter() {
            if trait_id != traits::MIXIN {
                inherited_traits.insert(trait_id.to_owned(), value.clone());
            }
        }
    }
    visiting.remove(id);
    done.insert(id.to_owned());
    let Some(shape) = shapes.get_mut(id) else {
        return;
    };
    inherited_traits.extend(&shape.traits);
    shape.traits = inherited_traits;
    if let Some(members) = members_of_mut(&mut shape.kind) {
        // Inherited members come first; local members redeclaring one only add traits.
        let mut merged: Vec<Member> = Vec::with_capacity(inherited_members.len() + members.len());
        for inherited in inherited_members {
            if let Some(local) = members.iter().find(|m| m.name == inherited.name) {
                let mut member = inherited.clone();
                member.traits.extend(&local.traits);
                member.path = local.path.clone();
                merged.push(member);
            } else {
                merged.push(inherited);
            }
        }
        for local in members.iter() {
            if !merged.iter().any(|m| m.name == local.name) {
                merged.push(local.clone());
            }
        }
        *members = merged;
    }
}

fn members_of(kind: &ShapeKind) -> Option<&Vec<Member>> {
    match kind {
        ShapeKind::Structure { members }
        | ShapeKind::Union { members }
        | ShapeKind::Enum { members }
        | ShapeKind::IntEnum { members } => Some(members),
        _ => None,
    }
}

fn members_of_mut(kind: &mut ShapeKind) -> Option<&mut Vec<Member>> {
    match kind {
        ShapeKind::Structure { members }
        | ShapeKind::Union { members }
        | ShapeKind::Enum { members }
        | ShapeKind::IntEnum { members } => Some(members),
        _ => None,
    }
}

/// Merges the traits of an `apply` entry into the shape or member it names.
fn apply_traits(
    shapes: &mut BTreeMap<String, Shape>,
    id: &str,
    traits: &Traits,
    path: &JsonPath,
    diagnostics: &mut Diagnostics,
) {
    let (shape_id, member_name) = match id.split_once('$') {
        Some((shape_id, member)) => (shape_id, Some(member)),
        None => (id, None),
    };
    let Some(shape) = shapes.get_mut(shape_id) else {
        diagnostics.error(
            path.clone(),
            format!("`apply` targets unknown shape `{shape_id}`"),
        );
        return;
    };
    let Some(member_name) = member_name else {
        shape.traits.extend(traits);
        return;
    };
    let member = match &mut shape.kind {
        ShapeKind::List { member } => (member.name == member_name).then_some(member),
        ShapeKind::Map { key, value } => match member_name {
            "key" => Some(key),
            "value" => Some(value),
            _ => None,
        },
        kind => members_of_mut(kind)
            .and_then(|members| members.iter_mut().find(|m| m.name == member_name)),
    };
    match member {
        Some(member) => member.traits.extend(traits),
        None => diagnostics.error(
            path.clone(),
            format!("`apply` targets unknown member `{member_name}` of `{shape_id}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Option<Model>, Diagnostics) {
        let mut diagnostics = Diagnostics::new("test.json");
        let model = load(text.as_bytes(), &mut diagnostics);
        (model, diagnostics)
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let (model, diagnostics) = load_str("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}");
        assert!(model.is_none());
        let line = diagnostics.lines().next().unwrap();
        assert_eq!(line, "test.json:3:14: invalid JSON: key must be a string");
    }

    #[test]
    fn reads_shapes_and_keeps_member_order_and_unknown_traits() {
        let (model, diagnostics) = load_str(
            r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"structure","members":{
                    "Zed":{"target":"smithy.api#String"},
                    "Alpha":{"target":"a#E","traits":{"x.y#custom":{"k":1}}}}},
                "a#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"a"}}}}
            }}"#,
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let model = model.unwrap();
        let ShapeKind::Structure { members } = &model.shape("a#S").unwrap().kind else {
            panic!("not a structure")
        };
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Zed", "Alpha"]);
        assert!(members[1].traits.has("x.y#custom"));
        assert!(
            model.shape("smithy.api#String").is_some(),
            "prelude is present"
        );
    }

    #[test]
    fn structural_problems_are_all_reported_with_paths() {
        let (_, diagnostics) = load_str(
            r#"{"smithy":"2.0","shapes":{
                "a#S":{"type":"structure","members":{"M":{"traits":{}}}},
                "a#L":{"type":"list"},
                "bad id":{"type":"string"},
                "a#T":{"type":"tuple"}
            }}"#,
        );
        let lines: Vec<_> = diagnostics.lines().collect();
        assert_eq!(
            lines,
            [
                r#"test.json: shapes."a#S".members.M.target: missing member `target`"#,
                r#"test.json: shapes."a#L".member: missing `member`"#,
                r#"test.json: shapes."bad id": `bad id` is not an absolute shape id (expected `namespace#Name`)"#,
                r#"test.json: shapes."a#T".type: unknown shape type `tuple`"#,
            ]
        );
    }

    #[test]
    fn mixins_and_apply_are_resolved() {
        let (model, diagnostics) = load_str(
            r#"{"smithy":"2.0","shapes":{
                "a#Base":{"type":"structure","members":{"Id":{"target":"smithy.api#String"}},
                          "traits":{"smithy.api#mixin":{},"smithy.api#documentation":"base"}},
                "a#S":{"type":"structure","mixins":[{"target":"a#Base"}],
                       "members":{"Name":{"target":"smithy.api#String"}}},
                "a#S$Id":{"type":"apply","traits":{"smithy.api#required":{}}}
            }}"#,
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let model = model.unwrap();
        let shape = model.shape("a#S").unwrap();
        assert_eq!(shape.docs(), Some("base"));
        assert!(!shape.traits.has(traits::MIXIN));
        let ShapeKind::Structure { members } = &shape.kind else {
            panic!()
        };
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].name, "Id");
        assert!(members[0].traits.has(traits::REQUIRED));
    }
}
