package uk.vruhub.ingest.core.contract;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One column of a feed contract.
 *
 * @param name header name, lower case
 * @param required whether every row must have a value
 * @param type the kind of value
 * @param codes allowed values for CODE and CODES columns (upper case)
 * @param maxLength longest accepted text, or 0 for no limit
 * @param pattern a pattern TEXT values must match, or null
 * @param min smallest accepted INTEGER, or null
 * @param max largest accepted INTEGER, or null
 * @param identifying whether the value could identify someone: such values never appear in any
 *     error, report or log, and never leave the service
 * @param description what the column holds, for the README and reject messages
 */
public record Column(
    String name,
    boolean required,
    ColumnType type,
    List<String> codes,
    int maxLength,
    Pattern pattern,
    Integer min,
    Integer max,
    boolean identifying,
    String description) {}
