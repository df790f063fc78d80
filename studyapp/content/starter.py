"""`studyapp content init`: a starter deck an author copies from, and the schema beside it.

One topic file with a note, a card, a question and a scenario, each commented to teach its
fields; it passes `content check --strict` beside the built-in deck (a test checks it).
"""

from __future__ import annotations

import json
from pathlib import Path

from studyapp.content.insert import write_text
from studyapp.errors import ContentError

STARTER_FILE = "starter.yaml"
#: The name every shipped content file gives its schema, on its first line.
SCHEMA_FILE = "studyapp-content.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"
#: The starter's question, the one `content init` suggests showing.
STARTER_QUESTION_ID = "starter-q-tmp-full"

STARTER_YAML = f"""\
{SCHEMA_LINE}
# The line above gives editors with the YAML language server (VS Code's YAML extension,
# Neovim, Helix, ...) the schema beside this file: completion and mistakes as you type.
# Check the deck while you write:      studyapp content check FOLDER
# See an item as a learner will:      studyapp content show {STARTER_QUESTION_ID}
# Add a skeleton item to this topic:  studyapp content new question --topic starter

# Every file names its topic. This one starts the topic `starter`; another file adds to it
# with `topic: starter` (or to a built-in topic with `topic: lambda`).
topic:
  id: starter
  title: Starter deck
  domain: compute            # optional: a word grouping topics

notes:
  # A note is read, not quizzed. Its id is stable: never change it once you have studied
  # (progress is kept by id). The body is Markdown; every page a link in it points to
  # must be among its sources.
  - id: starter-lambda-tmp
    title: "Lambda's /tmp: scratch space on local disk"
    body: |
      Every Lambda function can write files to `/tmp` while it runs.

      - **Size.** 512 MB unless you set more: any whole number of MB up to
        10,240 MB, set as the function's *ephemeral storage*.
      - **Separate from memory.** Raising the memory setting does not add space
        to `/tmp`; each is set on its own.
      - **Lifetime.** `/tmp` belongs to one execution environment. An invocation
        that reuses the environment finds the files still there; a new
        environment starts empty, so treat it as a cache, never as storage.
    sources:
      - https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
      - https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html

cards:
  # A flashcard: the front asks one thing, the back answers it briefly. Every item names
  # the AWS documentation page its answer comes from.
  - id: starter-tmp-size
    front: How much /tmp storage can a Lambda function have?
    back: 512 MB by default; any whole number of MB up to 10,240 MB.
    source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
    tags: [limits]           # optional: words to group items by
    exam: [dva-c02:1.2]      # optional: the exam-guide task statements it tests

questions:
  # An exam-style question: a short situation, its requirement, then the question. The
  # options are about the same length (the longest one must not give the answer away),
  # each wrong one is something a learner might believe, and every option says why it is
  # right or wrong. Options are shuffled when shown, so never refer to one by its letter.
  - id: {STARTER_QUESTION_ID}
    prompt: |
      A Lambda function is invoked for each video uploaded to Amazon S3. It
      copies the 2 GB file to /tmp before transcoding it, and every invocation
      fails with "No space left on device". The function has 3,008 MB of memory.
      Which change fixes the failures with the least effort?
    choose: 1                # how many are right; 2 makes a "Choose TWO"
    choices:
      - text: Raise the function's ephemeral storage to 4,096 MB
        correct: true
        why: /tmp holds 512 MB unless ephemeral storage is raised, which can go up to 10,240 MB, enough for a 2 GB file.
      - text: Raise the function's memory to the 10,240 MB maximum
        why: Memory and ephemeral storage are separate settings; more memory leaves /tmp at 512 MB.
      - text: Raise the function's timeout to the 15-minute maximum
        why: The invocations fail for want of disk space, not time; a longer timeout fails the same way.
      - text: Attach an Amazon EBS volume to the function for scratch space
        why: Lambda functions cannot attach EBS volumes; a function that needs a larger shared file system mounts Amazon EFS instead.
    source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
    tags: [limits, storage]
    exam: [dva-c02:4.1]

scenarios:
  # "Which service fits?": a story, the facts it states in the advisor's vocabulary
  # (`studyapp decide` takes the same), the services offered and the one that fits. The
  # decision rules must reach the same answer from the facts, or `content check` says so.
  # Tell the facts as part of the story, not as a form ("needs no GPU" reads like one).
  - id: starter-scn-nightly-premiums
    situation: |
      Every night at 02:00 an insurer recalculates its premiums with a job
      packaged as a container image. The run takes about 50 minutes, and the
      team would rather not look after any servers.
    facts: {{runtime_minutes: 50, packaging: container, workload: scheduled, manage_servers: false}}
    options: [lambda, fargate, ec2]
    answer: fargate
    explanation: |
      Lambda stops an invocation after 15 minutes, too soon for a 50-minute run.
      EC2 instances would run it, but the team would be looking after them. A
      Fargate task started on a schedule runs the same image without servers.
    source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html
    exam: [saa-c03:3.2]      # SAA-C03 task 3.2: high-performing compute solutions
"""


def write_starter(folder: Path, schema_text: str) -> list[Path]:
    """Write `starter.yaml` into `folder` (made if missing), and the schema beside it unless
    one is there; the paths written. An existing `starter.yaml` is never replaced."""
    starter = folder / STARTER_FILE
    if starter.exists():
        raise ContentError(
            f"{starter} already exists; nothing written (remove it, or name another folder)"
        )
    if folder.exists() and not folder.is_dir():
        raise ContentError(f"{folder} is not a folder; nothing written")
    written = [path for path in [write_schema(folder, schema_text)] if path is not None]
    write_text(starter, STARTER_YAML)
    return [starter, *written]


def write_schema(folder: Path, schema_text: str) -> Path | None:
    """Write the content schema into `folder` unless a file of that name is there; its path,
    or None when one was there (kept: it may be the author's)."""
    path = folder / SCHEMA_FILE
    if path.exists():
        return None
    write_text(path, schema_text)
    return path


def schema_text() -> str:
    """The content schema as `studyapp content schema` prints it."""
    from studyapp.content.schema import content_schema

    return json.dumps(content_schema(), indent=2) + "\n"
