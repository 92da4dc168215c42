package io.promptgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.PropertyNotWritableException;
import jakarta.el.VariableMapper;
import org.junit.jupiter.api.Test;

class RecordPropertyResolverTest {
    public record Sample(String name, int count) {
    }

    private final RecordPropertyResolver resolver = new RecordPropertyResolver();

    private static ELContext context() {
        return new ELContext() {
            @Override
            public ELResolver getELResolver() {
                return null;
            }

            @Override
            public FunctionMapper getFunctionMapper() {
                return null;
            }

            @Override
            public VariableMapper getVariableMapper() {
                return null;
            }
        };
    }

    @Test
    void readsRecordComponentsAndResolvesThem() {
        ELContext context = context();
        assertThat(resolver.getValue(context, new Sample("a", 2), "count")).isEqualTo(2);
        assertThat(context.isPropertyResolved()).isTrue();
    }

    @Test
    void leavesEverythingElseToTheOtherResolvers() {
        ELContext context = context();
        assertThat(resolver.getValue(context, new Sample("a", 2), "missing")).isNull();
        assertThat(resolver.getValue(context, "not a record", "length")).isNull();
        assertThat(resolver.getValue(context, null, "name")).isNull();
        assertThat(context.isPropertyResolved()).isFalse();
    }

    @Test
    void recordsAreReadOnly() {
        ELContext context = context();
        assertThat(resolver.isReadOnly(context, new Sample("a", 2), "name")).isTrue();
        assertThatThrownBy(() -> resolver.setValue(context(), new Sample("a", 2), "name", "b"))
                .isInstanceOf(PropertyNotWritableException.class);
    }
}
