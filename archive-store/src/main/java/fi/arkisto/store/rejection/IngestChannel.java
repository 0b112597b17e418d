package fi.arkisto.store.rejection;

/** The ways a submission reaches the archive (docs/messages.md, "Channels"): file drop, RabbitMQ queue, REST. */
public enum IngestChannel {
    FILE, QUEUE, REST
}
