package fr.pareto.errors;

import fr.pareto.errors.internal.Fingerprinter;
import fr.pareto.errors.internal.FrameNormalizer;
import java.util.List;

/** Reaches the fingerprint text that the public API hashes, with the tracker's default bounds. */
final class ErrorTrackerAccess {

    private ErrorTrackerAccess() {
    }

    static String fingerprintText(Throwable throwable) {
        // Same settings as the tracker under test: application package com.acme, default bounds.
        return new Fingerprinter(new FrameNormalizer(List.of("com.acme")), false, 10, 20, 5).fingerprintText(throwable);
    }
}
