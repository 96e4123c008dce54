package dev.pifan.tray.kubernetes;

import java.util.List;
import java.util.Map;

/**
 * What one resource's list and watch keep: the objects as the API server last told them. Each
 * method reads all it needs of its argument before it changes anything, so that an object it
 * cannot read leaves the store as it was.
 */
interface Store {

    /** A fresh list: these are all the objects there are now. */
    void replace(List<Map<?, ?>> items) throws ApiFailure;

    /** An ADDED, MODIFIED or DELETED event of one object. */
    void apply(String type, Map<?, ?> object) throws ApiFailure;
}
