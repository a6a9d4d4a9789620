package dev.pairing.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClassKeyTest {

    @Test
    void aClassKeyIsTheClassInDecimalAndReadsBack() {
        assertThat(ClassKey.encode(0)).isEqualTo("0".getBytes(StandardCharsets.US_ASCII));
        assertThat(ClassKey.encode(500_000_000)).isEqualTo("500000000".getBytes(StandardCharsets.US_ASCII));
        for (int cls : new int[] {0, 7, 12, 65_535, 65_536, Integer.MAX_VALUE}) {
            assertThat(ClassKey.decode(ClassKey.encode(cls))).isEqualTo(cls);
        }
    }

    @Test
    void aKeyThatNamesNoClassReadsAsMinusOne() {
        assertThat(ClassKey.decode(null)).isEqualTo(-1);
        assertThat(ClassKey.decode(new byte[0])).isEqualTo(-1);
        assertThat(ClassKey.decode("-1".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(ClassKey.decode("1a".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(ClassKey.decode("2147483648".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        assertThat(ClassKey.decode("99999999999".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    }

    @Test
    void theTableHoldsTheSameKeysAndEncodesPastItsEnd() {
        ClassKeys keys = new ClassKeys(ClassKeys.TABLE_LIMIT + 10);
        assertThat(keys.of(6)).isEqualTo(ClassKey.encode(6)).isSameAs(keys.of(6));
        assertThat(keys.of(ClassKeys.TABLE_LIMIT + 3)).isEqualTo(ClassKey.encode(ClassKeys.TABLE_LIMIT + 3));
    }
}
