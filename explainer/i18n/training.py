"""The training demos, stateful training included. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "tr.title": ("Live training", "现场训练"),
    "tr.purpose": (
        "Two tiny models from the articles, trained here and now: a character RNN that learns to continue a "
        "text, and an LSTM that predicts the next value of a sine wave from the previous 30; and that LSTM "
        "trained across batches, its state reset, detached or carried.",
        "文章里的两个小模型，现场训练：一个学会续写文本的字符级 RNN，以及一个根据前 30 个值预测正弦波下一个值的 LSTM；"
        "再把这个 LSTM 跨批次训练，状态分别重置、detach 或直接携带。",
    ),
    "tr.demo": ("Demo", "示例"),
    "tr.demo.char": ("character RNN: continue a text", "字符级 RNN：续写文本"),
    "tr.demo.sine": ("LSTM: next value of a sine wave", "LSTM：预测正弦波的下一个值"),
    "tr.model_char": (
        "nn.Embedding({vocab}, 8) → nn.RNN(8, {hidden}, batch_first=True) → nn.Linear({hidden}, {vocab}); "
        "input (1, {L}) character ids, target: each next character.",
        "nn.Embedding({vocab}, 8) → nn.RNN(8, {hidden}, batch_first=True) → nn.Linear({hidden}, {vocab})；"
        "输入是 (1, {L}) 的字符编号，目标是每个位置的下一个字符。",
    ),
    "tr.model_sine": (
        "nn.LSTM(1, {hidden}, batch_first=True) → nn.Linear({hidden}, 1) on h_n[-1]; input (32, 30, 1) windows, "
        "target: the value after each window.",
        "nn.LSTM(1, {hidden}, batch_first=True) → 对 h_n[-1] 接 nn.Linear({hidden}, 1)；输入是 (32, 30, 1) 的窗口，目标是每个窗口之后的那个值。",
    ),
    "tr.start": ("Train", "开始训练"),
    "tr.stop": ("Stop", "停止"),
    "tr.steps": ("Steps", "训练步数"),
    "tr.steps_help": (
        "Optimiser steps in one run: a whole number from {lo} to {hi}.",
        "一次训练的优化步数：{lo} 到 {hi} 之间的整数。",
    ),
    "tr.progress": (
        "Step {step} of {total} · loss {loss} · {seconds} s on {device}",
        "第 {step}/{total} 步 · 损失 {loss} · 用时 {seconds} 秒 · 设备 {device}",
    ),
    "tr.stopped": ("Stopped at step {step}.", "已在第 {step} 步停止。"),
    "tr.done": ("Finished: the loss fell from {first} to {last}.", "训练完成：损失从 {first} 降到 {last}。"),
    "tr.idle": (
        "Press Train to start a run (about a second of work, in small steps).",
        "点击“开始训练”开始一次训练（约一秒的计算，分成小步进行）。",
    ),
    "tr.loss": ("loss", "损失"),
    "tr.step": ("step", "步数"),
    "tr.truth": ("true wave", "真实波形"),
    "tr.predicted": ("predicted", "预测值"),
    "tr.next": (
        "Next character at each position ({acc:.0%} right):",
        "每个位置的下一个字符（正确率 {acc:.0%}）：",
    ),
    "tr.next_predicted": ("predicted", "预测"),
    "tr.next_true": ("true", "真实"),
    "tr.generated": (
        "Greedy continuation, from the text's first character:",
        "从文本的第一个字符开始的贪心续写：",
    ),
    "tr.mse": (
        "Mean squared error of its one-step predictions on later windows of the wave: "
        "{mse}. The wave repeats, so these windows hold the same values as windows it "
        "trained on: this checks the fit, not generalisation.",
        "对波形后段窗口的单步预测的均方误差：{mse}。波形是周期性的，这些窗口里的数值与训练过的窗口相同："
        "这检验的是拟合程度，而不是泛化能力。",
    ),
    "tr.demo.stateful": (
        "LSTM across batches: stateful training and truncated BPTT",
        "跨批次的 LSTM：有状态训练与截断 BPTT",
    ),
    "st.k": ("k (steps per chunk)", "k（每块的时间步数）"),
    "st.k_help": (
        "Each batch is the next k steps of every wave; backpropagation goes back k steps when the state "
        "is detached. A whole number from {lo} to {hi}.",
        "每个批次是每条波形接下来的 k 个时间步；状态被 detach 时，反向传播只回溯 k 步。取值为 {lo} 到 {hi} 之间的整数。",
    ),
    "st.model": (
        "nn.LSTM(1, {hidden}, batch_first=True) → nn.Linear({hidden}, 1) on every step, reading N = {N} long "
        "sine waves side by side, k = {k} steps per batch: input (N, k, 1), target the value after each step. "
        "An epoch is {epoch} batches; the next epoch reads new waves.",
        "nn.LSTM(1, {hidden}, batch_first=True) → 在每一步接 nn.Linear({hidden}, 1)，并排读取 N = {N} 条很长的正弦波，"
        "每个批次 k = {k} 步：输入 (N, k, 1)，目标是每一步之后的那个值。一个 epoch 有 {epoch} 个批次；"
        "下一个 epoch 读新的波形。",
    ),
    "st.about.reset": (
        "**reset**: a zero state for every batch. Each batch starts knowing nothing of the wave before it.",
        "**reset**：每个批次都从零状态开始。每个批次都不知道它之前的波形。",
    ),
    "st.about.detach": (
        "**detach** (truncated BPTT): the state carried to the next batch as `state = tuple(s.detach() for s "
        "in state)`: the same numbers, without their history, so backward goes back k = {k} steps only.",
        "**detach**（截断 BPTT）：用 `state = tuple(s.detach() for s in state)` 把状态带到下一个批次："
        "数值不变，但去掉了计算历史，所以反向传播只回溯 k = {k} 步。",
    ),
    "st.about.carry": (
        "**carry**: the state carried as it is, without `.detach()`.",
        "**carry**：直接把状态带到下一个批次，不调用 `.detach()`。",
    ),
    "st.about.retain": (
        "**retain**: carried as it is with `loss.backward(retain_graph=True)`, for a few steps and without "
        "optimiser updates (see below why).",
        "**retain**：直接携带状态，并使用 `loss.backward(retain_graph=True)`；只运行几步，而且不做优化器更新（原因见下文）。",
    ),
    "st.way.reset": ("reset (zero state)", "reset（零状态）"),
    "st.way.detach": ("detach (truncated BPTT)", "detach（截断 BPTT）"),
    "st.way.carry": ("carry (no detach)", "carry（不 detach）"),
    "st.way.retain": ("retain_graph=True", "retain_graph=True"),
    "st.y.losses": ("loss", "损失"),
    "st.y.seconds": ("time per step (ms)", "每步用时（毫秒）"),
    "st.y.saved": ("kept for backward (KB)", "为反向传播保留（KB）"),
    "st.idle": (
        "Press Train to train the same model four ways (a few seconds of work, in small steps).",
        "点击“开始训练”，用四种方式训练同一个模型（几秒钟的计算，分成小步进行）。",
    ),
    "st.progress": ("{way}: step {step}", "{way}：第 {step} 步"),
    "st.compare": (
        "Squared error on new waves, each model reading them as it was trained: reset {reset}, detach "
        "{detach} on average. At the first step of a batch: reset {r_first}, detach {d_first}; at its last "
        "(step {k} of {k}): reset {r_last}, detach {d_last}. One value cannot tell a rising wave from a "
        "falling one: a zero state starts every batch with nothing else, a carried state remembers.",
        "在新波形上的平方误差（每个模型按训练时的方式读取）：平均 reset {reset}，detach {detach}。"
        "批次第一步：reset {r_first}，detach {d_first}；批次最后一步（第 {k}/{k} 步）：reset {r_last}，detach {d_last}。"
        "只看一个值分不清波形在上升还是下降：零状态让每个批次都只能从这一个值开始，携带下来的状态则记得之前的波形。",
    ),
    "st.carry": ("Carried without .detach()", "携带状态但不 .detach()"),
    "st.torch_raised": (
        "At step {step} torch raised:",
        "第 {step} 步时 torch 报错：",
    ),
    "st.carry_why": (
        "The state handed to this batch still hangs on the previous batch's graph, which the previous "
        "backward() freed. `.detach()` cuts that link; `retain_graph=True` keeps the old graph alive instead, "
        "at a price:",
        "传给这个批次的状态仍然连着上一个批次的计算图，而上一次 backward() 已经把它释放了。`.detach()` 会切断这个连接；"
        "`retain_graph=True` 则让旧的计算图一直保留，但要付出代价：",
    ),
    "st.retain": ("retain_graph=True: the graph grows", "retain_graph=True：计算图越来越大"),
    "st.retain_intro": (
        "Each backward now goes back through every earlier batch, and autograd keeps all their saved "
        "tensors: time and memory per step grow with every step (counted below, and timed on this server).",
        "现在每次反向传播都要回溯之前的所有批次，autograd 还要保留它们保存的全部张量：每一步的时间和内存都随步数增长"
        "（下面是计数结果，以及在这台服务器上的计时）。",
    ),
    "st.retain_result": (
        "After {step} steps with retain_graph=True the backward went back through {span} batches ({nodes} "
        "autograd nodes, {kb} KB kept for backward); with .detach() it goes back through {d_span} ({d_nodes} "
        "nodes, {d_kb} KB), at every step.",
        "使用 retain_graph=True 训练 {step} 步后，反向传播回溯了 {span} 个批次（{nodes} 个 autograd 节点，为反向传播保留 "
        "{kb} KB）；使用 .detach() 时每一步都只回溯 {d_span} 个批次（{d_nodes} 个节点，{d_kb} KB）。",
    ),
    "st.retain_update": (
        "And with an optimiser, retain_graph=True fails too: the update changes in place the weights the "
        "old graph saved. torch:",
        "而且一旦有优化器更新，retain_graph=True 也会失败：更新会原地修改旧计算图保存的权重。torch 报错：",
    ),
    "st.when_reset": ("When to reset the state", "什么时候重置状态"),
    "st.when_reset_text": (
        "- **A new sequence**: the carried state describes the wave that ended; a new one must start from "
        "zeros (or its own h_0), or it inherits a past that is not its own.\n"
        "- **A new epoch**: the data starts again from the beginning (here: new waves), so the state of the "
        "last batch of the previous epoch belongs to nothing.\n"
        "- **Between batches of the same sequences**: carry it, detached. That is stateful training; the "
        "rows of every batch must continue the same sequences as the rows of the batch before.",
        "- **新的序列**：携带下来的状态描述的是已经结束的那条波形；新序列必须从零（或它自己的 h_0）开始，"
        "否则会继承一段不属于它的过去。\n"
        "- **新的 epoch**：数据从头开始（这里是新的波形），上一个 epoch 最后一个批次的状态已经没有对应的序列了。\n"
        "- **同一批序列的相邻批次之间**：携带状态，并 detach。这就是有状态训练；每个批次的第 i 行必须接着上一个批次"
        "第 i 行的同一条序列。",
    ),
    "st.last_batch": ("The last, smaller batch", "最后一个较小的批次"),
    "st.last_batch_text": (
        "The state has one row per sequence: built for a batch of N = {N}, it does not fit the last batch "
        "of {last} sequences. torch checks it before the first step:",
        "状态的每一行对应一条序列：为批量大小 N = {N} 构建的状态，放不进只有 {last} 条序列的最后一个批次。"
        "torch 在第一步之前就会检查：",
    ),
    "st.torch_says": ("torch:", "torch 报错："),
    "st.last_batch_fix": (
        "Give it a state of its own size: `state = tuple(s[:, :{last}] for s in state)` when those {last} "
        "sequences go on (h goes from {full} to {fixed}, as torch ran it), or `state = None` (zeros) for new "
        "ones. Or drop it: `DataLoader(..., drop_last=True)`.",
        "给它一个大小相符的状态：如果这 {last} 条序列是接着上一批继续的，用 `state = tuple(s[:, :{last}] for s in state)`"
        "（h 从 {full} 变为 {fixed}，这是 torch 实际运行的结果）；如果是新序列，用 `state = None`（零状态）。"
        "或者直接丢掉它：`DataLoader(..., drop_last=True)`。",
    ),
}
