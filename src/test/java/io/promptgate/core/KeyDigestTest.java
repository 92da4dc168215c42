package io.promptgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyDigestTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 vector

    @Test
    void isSha256OfTheUtf8Key() {
        assertThat(HexFormat.of().formatHex(KeyDigest.sha256("abc"))).isEqualTo(ABC);
        assertThat(KeyDigest.sha256("pg_\u00e9")).isEqualTo(KeyDigest.sha256(new String("pg_\u00e9".toCharArray())));
    }

    @Test
    void callsOnManyThreadsDoNotShareState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!HexFormat.of().formatHex(KeyDigest.sha256(i % 2 == 0 ? "abc" : "pg_" + i)).equals(ABC) && i % 2 == 0) {
                        return false;
                    }
                }
                return true;
            }));
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
