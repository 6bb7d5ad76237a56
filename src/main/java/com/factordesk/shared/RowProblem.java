package com.factordesk.shared;

/**
 * A rule one row of an imported file breaks.
 *
 * @param line the row's line in the file, counting the header as 1
 * @param violation the rule, on the file's column ({@code null} for the whole row)
 */
public record RowProblem(int line, Violation violation) {

}
