package io.porter.exports.filtering;

enum FieldKind {
    TEXT, DATE, TAGS, CUSTOM
}
