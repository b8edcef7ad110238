// One line per check, counted by scripts/validate-deploy.sh:
//   ok - <name>            the check passed
//   not ok - <name>: why   the check failed
//   skip - <name>: why     the thing to check does not exist yet (e.g. the code has not landed)
export class Report {
  passed = 0;
  failed = 0;
  skipped = 0;

  /** Passes when `problems` is empty; otherwise fails with the problems joined. */
  check(name, problems) {
    const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
    if (list.length === 0) {
      this.passed++;
      console.log(`ok - ${name}`);
    } else {
      this.failed++;
      console.log(`not ok - ${name}: ${list.join("; ")}`);
    }
  }

  skip(name, reason) {
    this.skipped++;
    console.log(`skip - ${name}: ${reason}`);
  }

  /** Runs a check function; an exception is a failure of that check, not of the whole run. */
  run(name, fn) {
    try {
      this.check(name, fn());
    } catch (error) {
      this.check(name, [`threw ${error.stack ?? error}`]);
    }
  }
}
