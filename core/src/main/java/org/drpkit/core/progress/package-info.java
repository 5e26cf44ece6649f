/** A progress callback that long stages call; the CLI turns it into progress bars. */
package org.drpkit.core.progress;
