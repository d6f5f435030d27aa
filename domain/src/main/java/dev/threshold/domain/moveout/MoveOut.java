package dev.threshold.domain.moveout;

import java.time.LocalDate;
import java.util.Optional;

/** A resident leaving: when, from where, and why. */
public record MoveOut(
        String contact,
        String lease,
        String community,
        String unit,
        LocalDate on,
        MoveOutReason reason,
        Optional<String> market) {}
