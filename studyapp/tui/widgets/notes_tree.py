"""The notes reader's tree of topics and notes, with titles cut at a word to its width."""

from __future__ import annotations

from rich.text import Text, TextType
from textual.events import Resize
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from studyapp.text import ellipsize
from studyapp.tui.safe_text import one_line

#: What a branch's label starts with besides its title: the expand mark and a space ("▼ ").
BRANCH_MARK_CELLS = 2


class NotesTree(Tree[str]):
    """Topics and their notes; each title is cut at a word boundary to fit the tree's width
    (the note itself shows it whole), and `reveal` puts the cursor on a note."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Topics", id=id)
        self.show_root = False
        #: Each node's whole title, kept to cut again when the width changes.
        self._titles: dict[TreeNode[str], str] = {}

    def clear(self) -> NotesTree:
        """Every topic and note taken out (the deck changed), their titles too."""
        self._titles.clear()
        super().clear()
        return self

    def process_label(self, label: TextType) -> Text:
        """A label as plain text: a title is authored, never markup."""
        return Text(one_line(label if isinstance(label, str) else label.plain))

    def add_branch(self, title: str, *, expand: bool) -> TreeNode[str]:
        """A topic's branch, titled `title`."""
        branch = self.root.add(title, expand=expand)
        self._titles[branch] = one_line(title)
        return branch

    def add_titled_leaf(self, branch: TreeNode[str], title: str, data: str) -> TreeNode[str]:
        """A note (or the glossary) under `branch`, holding `data`."""
        leaf = branch.add_leaf(title, data=data)
        self._titles[leaf] = one_line(title)
        return leaf

    def on_resize(self, _event: Resize) -> None:
        self.fit_titles()

    def fit_titles(self) -> None:
        """Cut every title to the cells its line has left after the tree's guides."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        for node, title in self._titles.items():
            room = width - (BRANCH_MARK_CELLS if node.parent is self.root else self.guide_depth)
            node.set_label(ellipsize(title, max(room, 1)))

    def node_of(self, data: str) -> TreeNode[str] | None:
        """The leaf holding `data`, or None."""
        return next((node for node in self._titles if node.data == data), None)

    def reveal(self, data: str) -> None:
        """Move the cursor to the leaf holding `data` (opening its topic) without selecting it,
        so the note shown stays where it was scrolled to."""
        node = self.node_of(data)
        if node is None:
            return
        if node.parent is not None:
            node.parent.expand()
        # An expanded branch lays out its lines on the next refresh; the cursor goes after.
        self.call_after_refresh(self.move_cursor, node)
