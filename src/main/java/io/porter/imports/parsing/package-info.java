/**
 * Blocking, streaming readers that turn an uploaded CSV, XLSX or JSON file into {@link io.porter.imports.ParsedRow}s,
 * one at a time, for worker threads. Nothing here holds a whole file in memory (XLSX spools the upload to
 * a temporary file, as the zip format needs random access).
 *
 * <p>Choices the import issue left open:
 * <ul>
 *   <li>CSV encoding and delimiter are told from the first 64 KiB only. A file that is valid UTF-8 there but
 *       holds Windows-1252 bytes later has those bytes read as Windows-1252 (still reported as "UTF-8").</li>
 *   <li>A record with more or fewer cells than the header is a broken row holding the cells that pair with
 *       header columns. So is an XLSX row with a value right of the last header column.</li>
 *   <li>A cell longer than {@link io.porter.imports.parsing.ParseLimits#maxCellChars()} makes a broken row
 *       (the cell is left out so it never reaches an error report); too many rows or columns fails the file
 *       with {@link io.porter.imports.parsing.FileFormatException}.</li>
 *   <li>JSON headers grow as rows are read (the union of flattened keys); a row's values hold only its own
 *       keys. Arrays of scalars join with ";", objects inside arrays keep their JSON text, numbers keep the
 *       digits as written. Malformed JSON part-way fails the file naming the row; earlier rows stay returned.</li>
 *   <li>XLSX numbers are written plainly from the shortest decimal that round-trips the double (no ".0", no
 *       exponent); date-formatted cells as ISO-8601, date only at midnight; error cells as their code
 *       (e.g. "#DIV/0!").</li>
 *   <li>Values are trimmed of surrounding whitespace in every format.</li>
 * </ul>
 */
package io.porter.imports.parsing;
