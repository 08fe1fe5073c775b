package io.porter.imports.writing;

/**
 * A contact changed between a batch's lookup and its rewrite (another writer got there first). The
 * batch's transaction must roll back; run again, it reads the new state and decides again.
 */
public final class ContactChangedMeanwhileException extends RuntimeException {

    ContactChangedMeanwhileException(int planned, int rewritten) {
        super(planned - rewritten + " of " + planned + " contacts changed while the batch was written; the batch is retried");
    }
}
