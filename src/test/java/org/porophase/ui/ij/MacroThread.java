package org.porophase.ui.ij;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import ij.Macro;

/**
 * JUnit extension for tests that call ImageJ commands the way a macro does: ImageJ hands macro
 * options ({@code Macro.setOptions}) only to threads named "Run$_…", as {@code IJ.run} names them, so
 * each test runs on a thread renamed so, and the options and name are restored afterwards.
 */
public final class MacroThread implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MacroThread.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("name", Thread.currentThread().getName());
        Thread.currentThread().setName("Run$_test");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Macro.setOptions(Thread.currentThread(), null);
        Thread.currentThread().setName(context.getStore(NS).get("name", String.class));
    }
}
