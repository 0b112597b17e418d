package fi.arkisto.app.health;

import fi.arkisto.store.object.ObjectStore;

import java.time.Duration;

/**
 * The object store as readiness sees it: the archive's bucket answered for within {@code arkisto.health.timeout}
 * ({@link ObjectStore#checkReachable}). Without it an instance whose S3 is gone would stay in the load balancer and
 * answer every archiving with 503.
 */
final class ObjectStoreHealthIndicator extends BoundedHealthIndicator {

    private final ObjectStore objects;
    private final Duration timeout;

    ObjectStoreHealthIndicator(ObjectStore objects, Duration timeout) {
        super("object store", timeout);
        this.objects = objects;
        this.timeout = timeout;
    }

    @Override
    protected void check() {
        objects.checkReachable(timeout);
    }
}
