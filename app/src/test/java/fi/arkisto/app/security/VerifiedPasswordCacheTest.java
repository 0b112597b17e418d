package fi.arkisto.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordCacheTest {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final BCryptPasswordEncoder countingBcrypt = new BCryptPasswordEncoder(4) {
        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            bcryptChecks.incrementAndGet();
            return super.matches(rawPassword, encodedPassword);
        }
    };

    @Test
    void aVerifiedPasswordIsNotRecheckedWithinTheTtlButAWrongOneAlwaysIs() {
        // given a stored hash
        MutableClock clock = new MutableClock();
        VerifiedPasswordCache cache = new VerifiedPasswordCache(countingBcrypt, clock);
        String hash = countingBcrypt.encode("right-password");

        // when the right password is presented twice and a wrong one twice
        assertThat(cache.matches("right-password", hash)).isTrue();
        assertThat(cache.matches("right-password", hash)).isTrue();
        assertThat(cache.matches("wrong-password", hash)).isFalse();
        assertThat(cache.matches("wrong-password", hash)).isFalse();

        // then bcrypt ran once for the right one and every time for the wrong one
        assertThat(bcryptChecks).hasValue(3);

        // and after the TTL the right password is verified again
        clock.advance(VerifiedPasswordCache.TTL_MILLIS + 1);
        assertThat(cache.matches("right-password", hash)).isTrue();
        assertThat(bcryptChecks).hasValue(4);
    }

    @Test
    void aRememberedPasswordDoesNotMatchAChangedHash() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(countingBcrypt, new MutableClock());
        String oldHash = countingBcrypt.encode("old-password");
        String newHash = countingBcrypt.encode("new-password");

        assertThat(cache.matches("old-password", oldHash)).isTrue();
        assertThat(cache.matches("old-password", newHash)).isFalse();
    }

    private static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long by) {
            millis += by;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
