"""The graph facts the rules share, each computed once, on demand, in a linear pass.

Stages are numbered 0..n-1 in document order and the graph is held as lists of successor and
predecessor numbers. That is deliberate: building a networkx graph of 5,000 stages costs more
than one networkx strongly-connected-components pass, and the whole catalogue has to finish in a
few such passes (CHECKS.md, Speed). The tests check these results against networkx.

Nothing here enumerates cycles or paths. Every fact is one of: a strongly-connected-components
pass (Tarjan, iterative), a dynamic programme over the condensation in the order Tarjan emits the
components (sinks first), one multi-source search, one multi-source Dijkstra, one 0-1 search.

Self-loops are kept apart (``self_loops``): every rule but LC106 ignores them, and so do the
successor lists, so "reaches" (a path of one or more edges) holds for a stage and itself only
when the stage lies on a cycle through another stage.
"""

from __future__ import annotations

import heapq
from collections import deque
from datetime import date
from functools import cached_property

from desktop_app.model.document import Edge, Lifecycle

IMPROVEMENT = frozenset({"business", "data", "develop"})
QUALITY = frozenset({"validate", "gate"})
AUTOMATED_TRIGGERS = frozenset({"schedule", "alert", "drift"})


def strongly_connected(succ: list[list[int]], nodes: range | list[int] | None = None
                       ) -> tuple[list[int], list[list[int]]]:
    """Tarjan's algorithm without recursion: (component of each node, the components).

    Components come out in reverse topological order of the condensation: every component is
    emitted after all the components it reaches, so one forward pass over the list sees the
    successors of a component before the component itself. Nodes outside ``nodes`` keep -1.
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    comp = [-1] * n  # a visited node is on the stack exactly while it has no component yet
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in (range(n) if nodes is None else nodes):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        work = [(root, iter(succ[root]))]
        while work:
            v, it = work[-1]
            for w in it:
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    work.append((w, iter(succ[w])))
                    break
                if comp[w] < 0 and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    k = len(comps)
                    members = []
                    while True:
                        w = stack.pop()
                        comp[w] = k
                        members.append(w)
                        if w == v:
                            break
                    comps.append(members)
    return comp, comps


class Analysis:
    """One lifecycle, indexed for the rules. Attributes are computed the first time a rule asks."""

    dangling: list[Edge] = []  # edges naming a stage that does not exist

    def __init__(self, lc: Lifecycle, today: date) -> None:
        self.lc = lc
        self.today = today
        stages = lc.stages
        self.n = n = len(stages)
        self.ids: list[str] = [s.id for s in stages]
        self.index: dict[str, int] = {sid: i for i, sid in enumerate(self.ids)}
        self.names: list[str] = [s.name for s in stages]
        self.kinds: list[str] = [s.kind for s in stages]
        # an empty string is no owner, as null is
        self.owner: list[str | None] = [s.owner or None for s in stages]
        # one comprehension per column is much faster than one loop doing everything
        edges = lc.edges
        index = self.index
        try:
            src = [index[e.source] for e in edges]
            tgt = [index[e.target] for e in edges]
        except KeyError:
            # FORMAT.md and the store refuse such edges; a lifecycle built in code may still
            # hold one. The rules work on the rest and the engine reports these as LC000.
            self.dangling = [e for e in edges if e.source not in index or e.target not in index]
            edges = [e for e in edges if e.source in index and e.target in index]
            src = [index[e.source] for e in edges]
            tgt = [index[e.target] for e in edges]
        # the edges of the graph, parallel to src and tgt
        self.graph_edges: list[Edge] = edges
        self.src, self.tgt = src, tgt
        self.is_feedback: list[bool] = [e.kind == "feedback" for e in edges]
        succ: list[list[int]] = [[] for _ in range(n)]
        for u, v in zip(src, tgt):
            if u != v:
                succ[u].append(v)
        self.succ = succ

    @cached_property
    def pred(self) -> list[list[int]]:
        """Predecessors of each stage (self-loops aside); ``pred_latency`` runs alongside."""
        pred: list[list[int]] = [[] for _ in range(self.n)]
        lat: list[list[float]] = [[] for _ in range(self.n)]
        lats = [e.latency_days or 0 for e in self.graph_edges]  # null counts 0
        for u, v, w in zip(self.src, self.tgt, lats):
            if u != v:
                pred[v].append(u)
                lat[v].append(w)
        self.__dict__["pred_latency"] = lat
        return pred

    @property
    def pred_latency(self) -> list[list[float]]:
        """The latency of each arc in ``pred``, in the same order."""
        self.pred  # noqa: B018  (computing pred sets it)
        return self.__dict__["pred_latency"]

    @cached_property
    def fsucc(self) -> list[list[int]]:
        """Successors along flow edges; also finds which stages have an incoming flow edge."""
        fsucc: list[list[int]] = [[] for _ in range(self.n)]
        indegree = [0] * self.n
        for u, v, fb in zip(self.src, self.tgt, self.is_feedback):
            if u != v and not fb:
                fsucc[u].append(v)
                indegree[v] += 1
        self.__dict__["flow_indegree"] = indegree
        return fsucc

    @cached_property
    def feedback(self) -> list[tuple[Edge, int, int]]:
        return [t for t, fb in zip(zip(self.graph_edges, self.src, self.tgt), self.is_feedback)
                if fb and t[1] != t[2]]

    @cached_property
    def self_loops(self) -> list[tuple[Edge, int]]:
        return [(e, u) for e, u, v in zip(self.graph_edges, self.src, self.tgt) if u == v]

    # ---- naming -------------------------------------------------------------------------
    @cached_property
    def owner_names(self) -> dict[str, str]:
        return {o.id: o.name for o in self.lc.owners}

    @cached_property
    def id_order(self) -> list[int]:
        """Stage numbers in the order of their ids (as findings list them)."""
        return sorted(range(self.n), key=self.ids.__getitem__)

    def sorted_ids(self, nums: list[int]) -> tuple[str, ...]:
        """The ids of ``nums``, sorted, each once. A loop of thousands of stages is read off
        the id order of all stages (computed once) rather than sorted on its own."""
        ids = self.ids
        if len(nums) * 8 < self.n or len(self.index) != self.n:  # small, or ids repeat
            return tuple(sorted({ids[i] for i in nums}))
        member = [False] * self.n
        for i in nums:
            member[i] = True
        return tuple([ids[i] for i in self.id_order if member[i]])

    @cached_property
    def name_rank(self) -> list[int]:
        """Each stage's place when stages are ordered by name, then id (how messages list
        them): one sort, so a listing of a few out of thousands need not compare tuples."""
        # by id, then (the sort is stable) by name: two sorts on plain string keys are
        # cheaper than one on a tuple built per stage
        order = self.id_order[:]
        order.sort(key=self.names.__getitem__)
        rank = [0] * self.n
        for place, i in enumerate(order):
            rank[i] = place
        return rank

    def of_kind(self, *kinds: str) -> list[int]:
        wanted = set(kinds)
        return [i for i, k in enumerate(self.kinds) if k in wanted]

    # ---- structure ----------------------------------------------------------------------
    @cached_property
    def orphan(self) -> list[bool]:
        if self.n < 2:
            return [False] * self.n
        succ, pred = self.succ, self.pred
        return [not succ[i] and not pred[i] for i in range(self.n)]

    @cached_property
    def entries(self) -> list[int]:
        """Stages with no incoming flow edge from another stage (orphans included)."""
        self.fsucc  # noqa: B018  (computing fsucc counts the incoming flow edges)
        return [i for i, d in enumerate(self.__dict__["flow_indegree"]) if not d]

    @cached_property
    def reached_from_entries(self) -> list[bool]:
        """Entries and every stage an entry reaches: one multi-source search forward."""
        seen = [False] * self.n
        todo = self.entries[:]
        for i in todo:
            seen[i] = True
        succ = self.succ
        while todo:
            for w in succ[todo.pop()]:
                if not seen[w]:
                    seen[w] = True
                    todo.append(w)
        return seen

    # ---- components of G and of F -------------------------------------------------------
    @cached_property
    def g_scc(self) -> tuple[list[int], list[list[int]]]:
        return strongly_connected(self.succ)

    @cached_property
    def flow_loops(self) -> list[list[int]]:
        """The strongly connected components of F with two or more stages.

        Most drawings have no loop of flow edges, so first peel F from its entries (Kahn's
        topological pass); only what remains, the stages on or below a flow loop, goes through
        the components pass. What remains is closed under successors, so Tarjan stays in it."""
        fsucc = self.fsucc
        degree = self.__dict__["flow_indegree"][:]
        queue = [i for i, d in enumerate(degree) if not d]
        for u in queue:  # the list grows while it is walked
            for v in fsucc[u]:
                degree[v] -= 1
                if not degree[v]:
                    queue.append(v)
        if len(queue) == self.n:
            return []
        rest = [i for i, d in enumerate(degree) if d]
        return [c for c in strongly_connected(fsucc, rest)[1] if len(c) > 1]

    @cached_property
    def loop_closing(self) -> list[tuple[Edge, int, int]]:
        """Feedback edges u→v (u ≠ v) where v reaches u: since u→v exists, exactly those whose
        two stages share a strongly connected component of G."""
        comp = self.g_scc[0]
        return [t for t in self.feedback if comp[t[1]] == comp[t[2]]]

    @cached_property
    def looped_components(self) -> list[list[int]]:
        """Components of G holding a feedback edge with both ends inside (loop coverage)."""
        comp, comps = self.g_scc
        ks = sorted({comp[u] for _e, u, _v in self.loop_closing})
        return [comps[k] for k in ks]

    # ---- reaching improvement stages (LC203, LC204, LC303) -----------------------------
    @cached_property
    def owner_bit(self) -> dict[str | None, int]:
        """A bit per owner id seen on a stage; "no owner" is bit 0."""
        bits: dict[str | None, int] = {None: 1}
        for o in self.owner:
            if o not in bits:
                bits[o] = 1 << len(bits)
        return bits

    @cached_property
    def improvement_owners_reached(self) -> list[int]:
        """For each stage, the owners (as bits) of the improvement stages it reaches by one or
        more edges; 0 when it reaches none. One pass over the condensation of G."""
        comp, comps = self.g_scc
        kinds, owner, succ = self.kinds, self.owner, self.succ
        bit = self.owner_bit
        down = [0] * len(comps)   # owners of improvement stages in or below a component
        reach = [0] * len(comps)  # ... reached from inside it by one or more edges
        for k, members in enumerate(comps):
            own = 0
            below = 0
            for x in members:
                if kinds[x] in IMPROVEMENT:
                    own |= bit[owner[x]]
                for y in succ[x]:
                    ky = comp[y]
                    if ky != k:
                        below |= down[ky]
            down[k] = own | below
            # a single stage (self-loops set aside) does not reach itself
            reach[k] = (own | below) if len(members) > 1 else below
        return [reach[comp[i]] for i in range(self.n)]

    # ---- latency to improvement (LC206, the assessment) --------------------------------
    @cached_property
    def monitor_latency(self) -> dict[int, float]:
        """d(m) for each monitor stage m that reaches an improvement stage: the least sum of
        latency_days (null counts 0) over paths from m to an improvement stage.

        One multi-source Dijkstra on the reverse of G from all improvement stages. A monitor
        stage is not an improvement stage, so its distance is over one or more edges, as
        "reaches" requires. Stops once every monitor stage that reaches one is settled."""
        n = self.n
        kinds = self.kinds
        # only monitors that reach an improvement stage get a distance: stop once they have
        reach = self.improvement_owners_reached
        is_monitor = [k == "monitor" for k in kinds]
        left = sum(1 for i in range(n) if is_monitor[i] and reach[i])
        if not left:
            return {}
        pred, weight = self.pred, self.pred_latency
        if not any(map(any, weight)):
            # no latency drawn anywhere (common while sketching): every distance is 0
            return {i: 0.0 for i in range(n) if is_monitor[i] and reach[i]}
        inf = float("inf")
        dist: list[float] = [inf] * n
        settled = [False] * n
        result: dict[int, float] = {}
        # first everything at distance 0 (the improvement stages and what reaches them over
        # edges of no latency), by a plain search: no heap for the many ties at 0
        zero = [i for i, k in enumerate(kinds) if k in IMPROVEMENT]
        for i in zero:
            dist[i] = 0.0
            settled[i] = True
        for v in zero:  # the list grows while it is walked
            for u, w in zip(pred[v], weight[v]):
                if not w and not settled[u]:
                    settled[u] = True
                    dist[u] = 0.0
                    zero.append(u)
        for v in zero:
            if is_monitor[v]:
                result[v] = 0.0
                left -= 1
        if not left:
            return result
        heap: list[tuple[float, int]] = []
        pop, push = heapq.heappop, heapq.heappush
        for v in zero:
            for u, w in zip(pred[v], weight[v]):
                if w < dist[u]:
                    dist[u] = w
                    push(heap, (w, u))
        while heap:
            d, v = pop(heap)
            if settled[v]:
                continue  # a stale entry: v was settled nearer
            settled[v] = True
            if is_monitor[v]:
                result[v] = float(d)
                left -= 1
                if not left:
                    break
            for u, w in zip(pred[v], weight[v]):
                nd = d + w
                if nd < dist[u]:
                    dist[u] = nd
                    push(heap, (nd, u))
        return result

    # ---- releasing without a quality stage (LC207, LC208) ------------------------------
    @cached_property
    def releases_untested(self) -> list[bool]:
        """Stages from which a deploy stage is reached (zero or more edges) through no quality
        stage: one multi-source search backwards from the deploy stages that never enters a
        quality stage."""
        kinds, pred = self.kinds, self.pred
        mark = [False] * self.n
        todo = [i for i, k in enumerate(kinds) if k == "deploy"]
        for i in todo:
            mark[i] = True
        while todo:
            for u in pred[todo.pop()]:
                if not mark[u] and kinds[u] not in QUALITY:
                    mark[u] = True
                    todo.append(u)
        return mark

    @cached_property
    def deploys_untested(self) -> dict[int, list[int]]:
        """For each develop stage that releases untested, the deploy stages it so reaches
        (develop stages reaching the same deploy stages share one list object).

        The stages that release untested form a subgraph H (no quality stage in it); a pass
        over H's condensation carries, as one integer bitset per component, the deploy stages
        below it. One components pass over H, no search per stage."""
        mark, kinds, succ = self.releases_untested, self.kinds, self.succ
        develops = [i for i, k in enumerate(kinds) if k == "develop" and mark[i]]
        if not develops:
            return {}
        # H: the part of G those develop stages reach through stages that release untested;
        # one forward search finds it, so the components pass covers no more than it must
        hsucc: list[list[int] | tuple[()]] = [()] * self.n  # a list only where the search goes
        seen = [False] * self.n
        todo = develops[:]
        for x in todo:
            seen[x] = True
        nodes = []
        while todo:
            x = todo.pop()
            nodes.append(x)
            out = hsucc[x] = [w for w in succ[x] if mark[w]]
            for w in out:
                if not seen[w]:
                    seen[w] = True
                    todo.append(w)
        comp, comps = strongly_connected(hsucc, nodes)
        deploys = [i for i in nodes if kinds[i] == "deploy"]
        bit_of = {d: 1 << j for j, d in enumerate(deploys)}
        below = [0] * len(comps)
        for k, members in enumerate(comps):
            acc = 0
            for x in members:
                b = bit_of.get(x)
                if b:
                    acc |= b
                for y in hsucc[x]:
                    ky = comp[y]
                    if ky != k:
                        acc |= below[ky]
            below[k] = acc
        # develop stages in one component, or below the same deploy stages, share one list
        # (a big component has hundreds of develop stages and a few dozen distinct lists)
        shared: dict[int, list[int]] = {}
        out: dict[int, list[int]] = {}
        for x in develops:
            bits = below[comp[x]]
            found = shared.get(bits)
            if found is None:
                # the set bits, lowest first, read off the binary digits in one go
                digits = bin(bits)[:1:-1]
                found = shared[bits] = [deploys[j] for j, d in enumerate(digits) if d == "1"]
            out[x] = found
        return out

    # ---- handoffs (LC305) ---------------------------------------------------------------
    @cached_property
    def deploy_handoffs(self) -> dict[int, int]:
        """h for each deploy stage reached from an entry: the least number of ownership changes
        over paths from any entry. One multi-source 0-1 search forward from the entries."""
        n = self.n
        deploys = {i for i in range(n) if self.kinds[i] == "deploy"}
        if not deploys:
            return {}
        owner, succ = self.owner, self.succ
        big = n + 1
        dist = [big] * n
        dq: deque[int] = deque()
        for i in self.entries:
            dist[i] = 0
            dq.append(i)
        done = [False] * n
        result: dict[int, int] = {}
        left = len(deploys)
        while dq and left:
            v = dq.popleft()
            if done[v]:
                continue
            done[v] = True
            d = dist[v]
            if v in deploys:
                result[v] = d
                left -= 1
            ov = owner[v]
            for w in succ[v]:
                if owner[w] == ov:
                    if d < dist[w]:
                        dist[w] = d
                        dq.appendleft(w)
                elif d + 1 < dist[w]:
                    dist[w] = d + 1
                    dq.append(w)
        return result
