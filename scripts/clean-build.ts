// A failed build leaves a broken build/ behind; every build starts from nothing.
import { rmSync } from "node:fs";
rmSync(process.env.CHIIKI_BUILD_DIR ?? new URL("../build", import.meta.url), { recursive: true, force: true });
