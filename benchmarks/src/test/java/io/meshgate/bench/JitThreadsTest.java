package io.meshgate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitThreadsTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 4200 4200 0 -1 4194368 1093 0 0 0 731 19 0 0 20 0 1 0 123 0 0";

        assertEquals(731 + 19, JitThreads.ticksOf(stat));
        assertEquals(11, JitThreads.ticksOf("7 (a) b) (c) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsTheCompilerThreadsOfThisJvm() {
        long pid = ProcessHandle.current().pid();

        assertTrue(JitThreads.cpuNanos(List.of(pid)) >= 0, "this JVM's compiler threads are readable");
        assertEquals(-1, JitThreads.cpuNanos(List.of(pid, Long.MAX_VALUE)), "a process that is gone");
    }
}
