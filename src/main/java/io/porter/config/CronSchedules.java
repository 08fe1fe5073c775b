package io.porter.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZonedDateTime;
import java.util.Optional;

/** UNIX cron expressions (five fields, UTC), parsed by cron-utils. */
public final class CronSchedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronSchedules() {
    }

    /** The expression itself when it parses; an IllegalArgumentException saying why otherwise. */
    static String check(String expression) {
        parse(expression);
        return expression;
    }

    public static Cron parse(String expression) {
        try {
            return PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a UNIX cron expression ('" + expression + "'): " + e.getMessage());
        }
    }

    /** The first run strictly after {@code after}. */
    public static Optional<ZonedDateTime> nextRun(String expression, ZonedDateTime after) {
        return ExecutionTime.forCron(parse(expression)).nextExecution(after);
    }
}
