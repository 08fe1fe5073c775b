/**
 * The filter language of exports: JSON ({@code and}, {@code or}, {@code not} and conditions
 * {@code {"field", "op", "value"}}) compiled by {@link io.porter.exports.filtering.ContactFilters} into a
 * parameterized SQL condition on contacts aliased {@code c}. Field and operator names are looked up in
 * fixed tables, so only this package's SQL text reaches the database; every value and custom field key
 * is a bind parameter.
 *
 * <p>Choices the issue left open: a blank text counts as missing for {@code exists}; a date value means
 * its first instant in UTC, and a date-time without an offset is UTC; a custom field compares numerically
 * when the filter value is a JSON number and the stored value is a plain decimal ({@code -12}, {@code 3.5}),
 * otherwise as case-insensitive text; a JSON boolean matches a custom field holding {@code true}/{@code false}.
 * Limits: nesting 10 levels, 200 conditions, 1000 values per {@code in}, custom keys of 100 characters.
 */
package io.porter.exports.filtering;
