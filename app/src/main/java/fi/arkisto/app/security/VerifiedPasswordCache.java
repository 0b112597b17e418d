package fi.arkisto.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * bcrypt for stored client passwords, with successful verifications remembered for a short time.
 *
 * <p>Client systems call the stateless API with HTTP Basic on every request; a bcrypt check costs
 * tens of milliseconds of CPU, which would dominate a small archiving request. A successful
 * (password, hash) pair is remembered as a SHA-256 digest only, for {@link #TTL_MILLIS}; a changed
 * hash (new configuration) never matches an old entry, and failures are never cached.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    static final long TTL_MILLIS = 5 * 60 * 1000;
    private static final int MAX_ENTRIES = 10_000;

    private final BCryptPasswordEncoder bcrypt;
    /** Digests of verified (password, hash) pairs; the value says nothing, presence is the verification. */
    private final Cache<String, Boolean> verified;

    VerifiedPasswordCache(BCryptPasswordEncoder bcrypt, Clock clock) {
        this.bcrypt = bcrypt;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
                .ticker(() -> clock.millis() * 1_000_000L)
                // evictions run on the caller's thread, not a shared pool
                .executor(Runnable::run)
                .build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String key = digest(rawPassword, encodedPassword);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = bcrypt.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    private static String digest(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
