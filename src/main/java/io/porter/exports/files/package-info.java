/**
 * Export files: blocking writers that stream contacts to an {@link java.io.OutputStream} as CSV, XLSX or
 * JSON, for a worker thread that reads contacts with a cursor and uploads the stream as it grows.
 *
 * <p>Choices the issue left open:
 * <ul>
 *   <li>Column names are the import field names, so an export re-imports with automatic mapping.</li>
 *   <li>Dates are UTC: ISO-8601 text ({@code 2026-01-02T03:04:05Z}, fractions only when present) in CSV and
 *       JSON, Excel date-times formatted {@code yyyy-mm-dd hh:mm:ss} in XLSX.</li>
 *   <li>A contact without engagement data exports zero counts and empty last-opened/clicked dates.</li>
 *   <li>CSV with {@code csvSafe} (the API default) starts with a UTF-8 byte order mark so Excel reads
 *       accents and CJK correctly; {@code csvSafe: false}, meant for programs, has none.</li>
 *   <li>CSV formula escaping prefixes {@code '} to text starting with {@code = + - @}, tab or CR, unless
 *       it is a plain number ({@code +14155550123}, {@code -12.5}). XLSX and JSON need none: their text is
 *       never evaluated.</li>
 *   <li>XLSX text cells are inline strings (no shared-string table held in memory) cut to Excel's
 *       32,767 characters; sheets hold 1,048,575 data rows, then continue on "Contacts 2", ...</li>
 *   <li>JSON objects carry every selected key, null when missing; custom fields nest in
 *       {@code customFields}, placed where the first custom column stands.</li>
 * </ul>
 */
package io.porter.exports.files;
