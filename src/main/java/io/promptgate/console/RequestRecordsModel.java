package io.promptgate.console;

import io.promptgate.service.Caller;
import io.promptgate.service.Page;
import io.promptgate.service.RequestLogService;
import io.promptgate.service.RequestLogService.Filter;
import io.promptgate.service.RequestLogService.LogRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Request records a page at a time, newest first, as the request-log service lets the caller see them. */
final class RequestRecordsModel extends LazyDataModel<LogRecord> {
    private static final long serialVersionUID = 1L;

    private final ConsoleServices console;
    private final CurrentCaller caller;
    private final FilterSource filter;

    /** The page's current filter; serializable, as the model lives in the view state. */
    interface FilterSource extends Supplier<Filter>, Serializable {
    }

    RequestRecordsModel(ConsoleServices console, CurrentCaller caller, FilterSource filter) {
        this.console = console;
        this.caller = caller;
        this.filter = filter;
    }

    private Page<LogRecord> page(int first, int pageSize) {
        RequestLogService logs = console.services().logs();
        Caller who = caller.get();
        return logs.list(who, filter.get(), Page.limit(pageSize), Page.offset(first));
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, page(0, 1).total());
    }

    @Override
    public List<LogRecord> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return page(first, pageSize).items();
    }

    @Override
    public String getRowKey(LogRecord record) {
        return record.requestId();
    }
}
