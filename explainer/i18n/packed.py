"""The packed-sequences page. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "pk.title": ("Packed sequences", "打包序列（PackedSequence）"),
    "pk.purpose": (
        "A batch of sequences of different lengths, padded to the longest; what pack_padded_sequence "
        "keeps; and proof, computed on the real module, that h_n holds each sequence's "
        "last real step (a reverse direction's row: its state after reading back to t "
        "= 0).",
        "一批长度不同、补齐到最长的序列；pack_padded_sequence 保留了什么；以及在真实模块上算出的证明："
        "h_n 保存的是每条序列最后一个有效时间步的状态（反向那一行则是倒着读回 t = 0 之后的状态）"
        "。",
    ),
    "pk.lengths": ("Sequence lengths", "各序列长度"),
    "pk.enforce_sorted": (
        "enforce_sorted (lengths must be sorted, longest first)",
        "enforce_sorted（长度必须从长到短排好）",
    ),
    "pk.padded": (
        "The padded batch {shape}: blue cells are real steps, each labelled with its row in PackedSequence.data; grey is padding.",
        "补齐后的批 {shape}：蓝色格子是有效时间步，标注的是它在 PackedSequence.data 中的行号；灰色是填充。",
    ),
    "pk.seq": ("seq", "序列"),
    "pk.hover": (
        "t = %{{y}}<br>%{{x}}<br>row of .data: %{{text}}",
        "t = %{{y}}<br>%{{x}}<br>.data 中的行：%{{text}}",
    ),
    "pk.fields": ("What the PackedSequence holds", "PackedSequence 里有什么"),
    "pk.data": (
        "data {shape}: only the {n} real steps, time-major: all sequences' step 0, then step 1, …",
        "data {shape}：只有 {n} 个有效时间步，按时间排列：先是各序列的第 0 步，再是第 1 步……",
    ),
    "pk.batch_sizes": (
        "batch_sizes {sizes}: how many sequences are still running at each step.",
        "batch_sizes {sizes}：每个时间步还有多少条序列在继续。",
    ),
    "pk.sorted": (
        "sorted_indices {s}: the longest-first order torch ran them in. unsorted_indices "
        "{u} maps that order back to yours, and the module has already applied it: h_n "
        "(and an LSTM's c_n) comes back in your order, so do not index it with unsorted_indices "
        "again.",
        "sorted_indices {s}：torch 按从长到短的顺序运行这些序列。unsorted_indices {u} "
        "把这个顺序映射回你的顺序，而且模块已经用它还原过了：返回的 h_n（以及 LSTM 的 "
        "c_n）已经是你的顺序，不要再用 unsorted_indices 索引一次。",
    ),
    "pk.no_sort": (
        "enforce_sorted=True: the lengths were already longest first, so there is no reordering.",
        "enforce_sorted=True：长度已经从长到短，所以没有重新排序。",
    ),
    "pk.refused": ("torch refuses this batch: {error}", "torch 拒绝了这一批：{error}"),
    "pk.data_x": ("time step t, and batch_sizes[t] in bold", "时间步 t，粗体为 batch_sizes[t]"),
    "pk.data_y": ("row within the step", "该步内的行"),
    "pk.data_legend": ("from", "来自"),
    "pk.data_hover": (
        "row {r} of .data: {seq}, t = {t}<br>step {s} holds batch_sizes[{s}] = {size} rows",
        ".data 第 {r} 行：{seq}，t = {t}<br>第 {s} 步共有 batch_sizes[{s}] = {size} 行",
    ),
    "pk.data_caption": (
        "PackedSequence.data as torch stores it, split by batch_sizes {sizes}: one column per time step, "
        "longest sequences first; each cell is one row of .data (its number in brackets), coloured by the sequence "
        "it comes from. Padding is gone.",
        "torch 存储的 PackedSequence.data，按 batch_sizes {sizes} 切分：每个时间步一列，长的序列排在前面；"
        "每个格子是 .data 的一行（方括号里是行号），颜色表示它来自哪条序列。填充已经去掉了。",
    ),
    "pk.proof": (
        "h_n or {last}? Measured on the real module",
        "用 h_n 还是 {last}？在真实模块上测量",
    ),
    "pk.col.seq": ("Sequence", "序列"),
    "pk.col.length": ("Length", "长度"),
    "pk.col.forward": ("forward: ", "正向："),
    "pk.col.valid": (
        "① {fwd}|h_n − output at its last real step|",
        "① {fwd}|h_n − 最后一个有效时间步的 output|",
    ),
    "pk.col.padded": ("② {fwd}|h_n − {last} without packing|", "② {fwd}|h_n − 不打包时的 {last}|"),
    "pk.col.rev_first": (
        "③ reverse: |h_n − reverse half of output at t = 0|",
        "③ 反向：|h_n − t = 0 处 output 的反向一半|",
    ),
    "pk.col.rev_padded": (
        "④ reverse: |h_n − {last} without packing|",
        "④ 反向：|h_n − 不打包时的 {last}|",
    ),
    "pk.note.zero_every": ("is 0 (to rounding) for every sequence", "对每条序列都是 0（在舍入误差内）"),
    "pk.note.zero_none": ("is not 0 for any sequence", "对任何一条序列都不是 0"),
    "pk.note.zero_only": (
        "is 0 (to rounding) only for sequence {seqs}",
        "只对序列 {seqs} 为 0（在舍入误差内）",
    ),
    "pk.note.col": ("{col} {zero}.", "{col}{zero}。"),
    "pk.note.valid": (
        "With packing, h_n (the forward direction's row) is each sequence's own last real step.",
        "打包后，h_n（正向那一行）就是每条序列自己最后一个有效时间步的状态。",
    ),
    "pk.note.padded": (
        "Without packing, the RNN runs every sequence for all {L} steps, on over the padding (zeros) once a shorter "
        "one has ended, so {last} is each sequence's state after t = {t}, padding included.",
        "不打包时，RNN 对每条序列都计算满 {L} 步，短序列结束后还会接着在填充（零）上计算，"
        "所以 {last} 是每条序列在 t = {t} 之后的状态，填充也算在内。",
    ),
    "pk.note.no_padding": (
        "Every sequence here is as long as the batch, so there is no padding to run over.",
        "这里每条序列都和整批一样长，没有填充可言。",
    ),
    "pk.note.short_differ": (
        "For the shorter sequences that is not their final state.",
        "对较短的序列来说，这不是它们的最终状态。",
    ),
    "pk.note.coincidence": (
        "Sequence {seqs}: shorter than the batch, yet equal. Running over the padding "
        "happened to leave the state unchanged with these weights (with ReLU, for example, "
        "a state of all zeros stays all zeros on zero input when no bias b_ih + b_hh "
        "is positive): a coincidence of these numbers, not something to rely on.",
        "序列 {seqs} 比整批短，却仍然相等：用这组权重在填充上计算时，它的状态恰好没有变化（例如用 "
        "ReLU 时，若 b_ih + b_hh 没有正数，全零的状态在零输入上会一直保持全零）。这只是这组数字的巧合，"
        "不能依赖。",
    ),
    "pk.note.reverse": (
        "③ and ④ are the reverse direction, which reads each sequence from its last real "
        "step back to t = 0: its row of h_n should be the reverse half of output at t "
        "= 0, while the reverse half of {last} is that direction after only its first "
        "step.",
        "③ 和 ④ 是反向：它从每条序列最后一个有效时间步往回读到 t = 0，所以它在 h_n 中的那一行应当等于 "
        "t = 0 处 output 的反向一半；而 {last} 的反向一半只是反向走完第一步后的状态。",
    ),
}
