package org.openpaypro.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns captured statements into a pgbench script ({@code -M prepared}) sending the same SQL: request values listed in
 * {@code variables} become {@code :name}; a row id the server got back from an INSERT becomes a {@code \gset}
 * variable of that INSERT; other values stay constants; each parameter is cast to its inferred type. Pure.
 */
final class PgbenchScript {
    /**
     * A row id returned by the first {@code INSERT INTO table}, exposed to later statements as prefix + "id". When
     * the server inserts the row inside a CTE of another statement (the outbox row written by the trade's UPDATE),
     * its id is not returned: {@code lookup} (a query with one {@code id} column, may use earlier variables) reads
     * it right after that statement, one read more than the server ran (the ceiling errs on the low side).
     */
    record Returned(String table, String prefix, String value, String lookup) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    private static final Pattern VARIABLE_LIKE = Pattern.compile(":[A-Za-z_]");

    private PgbenchScript() {
    }

    /**
     * {@code header} lines first, then {@code statements} in order (BEGIN/COMMIT included); {@code variables}:
     * value → variable name; {@code types}: statement template ({@link PgLog#template}) → parameter types.
     */
    static String render(List<String> header, List<PgLog.Statement> statements, Map<String, String> variables,
                         List<Returned> returned, Map<String, List<String>> types) {
        StringBuilder script = new StringBuilder();
        header.forEach(line -> script.append(line).append('\n'));
        Set<String> produced = new HashSet<>();
        for (PgLog.Statement statement : statements) {
            if (statement.isControl()) {
                script.append(statement.sql().trim().toUpperCase(Locale.ROOT)).append(";\n");
                continue;
            }
            Returned source = returned.stream().filter(candidate -> !produced.contains(candidate.prefix())
                    && insertsInto(statement.sql(), candidate.table())).findFirst().orElse(null);
            String sql = substitute(statement, variables, returned, produced,
                    types.getOrDefault(PgLog.template(statement.sql()), List.of()));
            if (source != null) {
                script.append(sql).append(sql.toUpperCase(Locale.ROOT).contains("RETURNING") ? "" : " RETURNING id")
                        .append("\n\\gset ").append(source.prefix()).append('\n');
                produced.add(source.prefix());
                continue;
            }
            script.append(sql).append(";\n");
            for (Returned candidate : returned) {
                if (candidate.lookup() != null && !produced.contains(candidate.prefix())
                        && Pattern.compile("(?is)\\bINSERT\\s+INTO\\s+" + Pattern.quote(candidate.table())
                        + "\\b").matcher(statement.sql()).find()) {
                    script.append(candidate.lookup()).append("\n\\gset ").append(candidate.prefix()).append('\n');
                    produced.add(candidate.prefix());
                }
            }
        }
        return script.toString();
    }

    static boolean insertsInto(String sql, String table) {
        return Pattern.compile("(?is)^\\s*(?:WITH\\b.*?\\)\\s*)?INSERT\\s+INTO\\s+" + Pattern.quote(table) + "\\b")
                .matcher(sql).find();
    }

    private static String substitute(PgLog.Statement statement, Map<String, String> variables,
                                     List<Returned> returned, Set<String> produced, List<String> types) {
        return PLACEHOLDER.matcher(statement.sql()).replaceAll(match -> {
            int number = Integer.parseInt(match.group(1));
            if (number > statement.parameters().size()) {
                throw new IllegalStateException("statement uses $" + number + " but the log shows "
                        + statement.parameters().size() + " parameters: " + PgLog.template(statement.sql()));
            }
            return Matcher.quoteReplacement(expression(statement.parameters().get(number - 1),
                    number <= types.size() ? types.get(number - 1) : "unknown", variables, returned, produced));
        }).trim();
    }

    private static String expression(String value, String type, Map<String, String> variables,
                                     List<Returned> returned, Set<String> produced) {
        String expression;
        if (value == null) {
            expression = "NULL";
        } else if (type != null && type.endsWith("[]") && value.length() > 2 && value.startsWith("{")) {
            // An array parameter (a batching writer's unnest(...) of ids, numbers, signs): each element becomes its
            // variable where it has one, so every pgbench transaction writes its own rows.
            List<String> elements = new ArrayList<>();
            String elementType = castType(type.substring(0, type.length() - 2));
            for (String element : PgLog.elements(value)) {
                elements.add("CAST(" + expression(element, "unknown", variables, returned, produced) + " AS "
                        + elementType + ")");
            }
            expression = "ARRAY[" + String.join(", ", elements) + "]";
        } else if (variables.containsKey(value)) {
            // a variable name, or an expression of variables (e.g. text built from a number)
            String variable = variables.get(value);
            expression = variable.contains("(") ? variable : ":" + variable;
        } else {
            Returned id = returned.stream().filter(candidate -> candidate.value().equals(value)).findFirst()
                    .orElse(null);
            if (id != null && !produced.contains(id.prefix())) {
                throw new IllegalStateException("the id " + value + " of a " + id.table()
                        + " row is used before any INSERT INTO " + id.table() + " in the captured statements");
            }
            expression = id != null ? ":" + id.prefix() + "id" : literal(value);
        }
        return type == null || type.equals("unknown") ? expression
                : "CAST(" + expression + " AS " + castType(type) + ")";
    }

    /** {@code pg_prepared_statements} drops lengths: a bare {@code character} (char(1)) would cut 'BR' to 'B'. */
    static String castType(String type) {
        return type.equals("character") ? "bpchar" : type;
    }

    /** A SQL string literal; pgbench would read {@code :name} inside one as a variable, so that colon is chr(58). */
    static String literal(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        return VARIABLE_LIKE.matcher(value).find() ? "(" + quoted.replace(":", "' || chr(58) || '") + ")" : quoted;
    }
}
