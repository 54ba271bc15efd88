import { describeCli } from "../tests/support/cli-suite.ts";

describeCli("sqlite");
