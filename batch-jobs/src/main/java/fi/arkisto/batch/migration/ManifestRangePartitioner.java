package fi.arkisto.batch.migration;

import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.item.ExecutionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a manifest of {@code rows} data rows into contiguous row ranges {@code (fromRow, toRow]}, one per partition.
 * Deterministic in its input, so a restart (on any instance sharing the job repository) sees the same partitions.
 */
class ManifestRangePartitioner implements Partitioner {

    static final String FROM_ROW = "fromRow";
    static final String TO_ROW = "toRow";
    private final long rows;

    ManifestRangePartitioner(long rows) {
        this.rows = rows;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int partitions = (int) Math.max(1, Math.min(gridSize, rows));
        Map<String, ExecutionContext> result = new LinkedHashMap<>();
        long from = 0;
        for (int i = 0; i < partitions; i++) {
            long to = rows * (i + 1) / partitions;
            ExecutionContext context = new ExecutionContext();
            context.putLong(FROM_ROW, from);
            context.putLong(TO_ROW, to);
            result.put("partition" + i, context);
            from = to;
        }
        return result;
    }
}
