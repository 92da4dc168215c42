package io.promptgate.ops;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron expression in the Unix five-field form ({@code minute hour day-of-month month day-of-week},
 * e.g. {@code 0 9 * * *} for 09:00 every day) in a time zone, parsed by cron-utils.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime times;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.times = ExecutionTime.forCron(cron);
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression or the zone */
    public static CronSchedule parse(String expression, String zone) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required (five fields, e.g. 0 9 * * *)");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone (expected a region id such as Asia/Shanghai, or UTC)");
        }
        try {
            Cron cron = PARSER.parse(expression.trim());
            cron.validate();
            return new CronSchedule(expression.trim(), zoneId, cron);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a five-field cron expression (minute hour day month weekday, e.g. 0 9 * * *): "
                    + e.getMessage());
        }
    }

    /** The first run strictly after {@code after}, in this schedule's zone; empty if it never runs again. */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        return times.nextExecution(after.withZoneSameInstant(zone));
    }

    /** The last run at or before {@code at} (the start of a report's period); empty if none. */
    public Optional<ZonedDateTime> lastBefore(ZonedDateTime at) {
        return times.lastExecution(at.withZoneSameInstant(zone));
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
