package io.porter.imports;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.util.List;

/**
 * A batch of parsed rows on its way from the parser to the importer. It crosses the bus by reference
 * (a local codec): parser and importer run on the same node, and copying a million rows would cost
 * as much as parsing them.
 */
record RowBatch(List<ParsedRow> rows, long bytesRead, boolean last) {

    static final class LocalCodec implements MessageCodec<RowBatch, RowBatch> {

        static final String NAME = "porter.row-batch";

        @Override
        public void encodeToWire(Buffer buffer, RowBatch batch) {
            throw new UnsupportedOperationException("row batches stay on their node");
        }

        @Override
        public RowBatch decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("row batches stay on their node");
        }

        @Override
        public RowBatch transform(RowBatch batch) {
            return batch;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
