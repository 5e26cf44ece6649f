package org.drpkit.core.status;

import static org.drpkit.core.status.ProcessingStatus.COMPLETE;
import static org.drpkit.core.status.ProcessingStatus.ERROR;
import static org.drpkit.core.status.ProcessingStatus.INVALID;
import static org.drpkit.core.status.ProcessingStatus.PROCESSED;
import static org.drpkit.core.status.ProcessingStatus.PROCESSING;
import static org.drpkit.core.status.ProcessingStatus.QUEUED;
import static org.drpkit.core.status.ProcessingStatus.TRANSFERRED;
import static org.drpkit.core.status.ProcessingStatus.TRANSFERRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.drpkit.core.error.CoreErrorCode;
import org.drpkit.core.error.DrpException;
import org.junit.jupiter.api.Test;

class ProcessingStatusTest {

    @Test
    void normalArchivePathIsAllowed() throws DrpException {
        ProcessingStatus s = QUEUED;
        for (ProcessingStatus next : new ProcessingStatus[] {PROCESSING, TRANSFERRING, TRANSFERRED, COMPLETE}) {
            s = s.requireMoveTo(next);
        }
        assertEquals(COMPLETE, s);
        assertTrue(PROCESSING.canMoveTo(PROCESSED));
    }

    @Test
    void illegalMovesAreRejectedWithStableCode() {
        DrpException e = assertThrows(DrpException.class, () -> QUEUED.requireMoveTo(COMPLETE));
        assertEquals(CoreErrorCode.STATUS_ILLEGAL_TRANSITION, e.code());
        assertFalse(PROCESSED.canMoveTo(PROCESSING), "reprocessing goes through QUEUED");
        assertFalse(COMPLETE.canMoveTo(ERROR));
        assertFalse(TRANSFERRING.canMoveTo(QUEUED));
        for (ProcessingStatus s : ProcessingStatus.values()) {
            assertFalse(s.canMoveTo(s), s + " cannot move to itself");
        }
    }

    @Test
    void everyFinalStateCanBeReprocessedAndEveryStateHasAWayOut() {
        for (ProcessingStatus s : EnumSet.of(PROCESSED, TRANSFERRED, COMPLETE, INVALID, ERROR)) {
            assertTrue(s.isFinal());
            assertTrue(s.canMoveTo(QUEUED), s + " must allow reprocessing");
        }
        assertFalse(QUEUED.isFinal());
        assertFalse(PROCESSING.isFinal());
        assertFalse(TRANSFERRING.isFinal());
        assertTrue(PROCESSING.canMoveTo(QUEUED), "a crashed claim can be released");
        assertTrue(ERROR.canMoveTo(TRANSFERRING), "a failed delivery can be sent again without reprocessing");
        assertFalse(INVALID.canMoveTo(TRANSFERRING), "a rejected file is never delivered as a product");
        for (ProcessingStatus s : ProcessingStatus.values()) {
            assertFalse(s.next().isEmpty());
        }
    }
}
