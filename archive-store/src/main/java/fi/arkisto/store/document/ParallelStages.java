package fi.arkisto.store.document;

import org.springframework.core.task.TaskExecutor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one stage of the bulk path over its items on the archive's task executor, with a bounded number of workers
 * taking the next item as they finish (object writes are bounded by {@code arkisto.store.storage-concurrency}). The
 * caller waits for the stage; its workers' writes happen-before its return.
 */
final class ParallelStages {

    private final TaskExecutor executor;

    ParallelStages(TaskExecutor executor) {
        this.executor = executor;
    }

    <T> void run(List<T> items, int parallelism, Consumer<T> stage) {
        if (items.size() <= 1 || parallelism <= 1) {
            items.forEach(stage);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                stage.accept(items.get(i));
            }
        };
        CompletableFuture<?>[] workers = new CompletableFuture<?>[Math.min(parallelism, items.size())];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = CompletableFuture.runAsync(worker, executor);
        }
        CompletableFuture.allOf(workers).join();
    }
}
