"""The shapes page: every tensor and parameter, why each shape is what it is, the grid, counts. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "letter.L": ("sequence length (timesteps)", "序列长度（时间步数）"),
    "letter.N": ("batch size", "批量大小"),
    "letter.D": ("directions: 2 if bidirectional else 1", "方向数：双向为 2，否则为 1"),
    "letter.H_in": ("input_size: features per step", "input_size：每步的特征数"),
    "letter.H_cell": ("hidden_size", "hidden_size"),
    "letter.H_out": ("proj_size if > 0, else hidden_size", "proj_size（若 > 0），否则 hidden_size"),
    "letter.num_layers": ("stacked layers", "堆叠层数"),
    "aka.L": ("num_steps, seq_len", "num_steps、seq_len、时间步数"),
    "aka.N": ("batch_size", "batch_size、批量大小"),
    "aka.D": ("num_directions", "num_directions、方向数"),
    "aka.H_in": ("input_dim, embedding size, d", "input_dim、词向量维度、d"),
    "aka.H_cell": ("num_hiddens, h", "num_hiddens、隐藏单元数、h"),
    "aka.H_out": ("size of h", "h 的大小"),
    "aka.num_layers": ("depth", "层数"),
    "shapes.title": ("Shapes explorer", "形状浏览器"),
    "shapes.purpose": (
        "Every tensor and parameter of the module you set: its shape predicted from the "
        "settings, the reason for it, and the verdict of the real module.",
        "所设模块的每个张量和参数：由设置推出的形状、形状的原因，以及真实模块的验证结果。",
    ),
    "shapes.tensors": ("Tensors of one forward call", "一次前向调用中的张量"),
    "shapes.params": ("Parameters", "参数"),
    "shapes.params_total": (
        "{total} parameters in total. torch initialises every one from U(−1/√H, 1/√H) with "
        "H = hidden_size = {hidden_size}: U(−{k}, {k}).",
        "共 {total} 个参数。torch 把每个参数初始化为 U(−1/√H, 1/√H)，其中 H = hidden_size = "
        "{hidden_size}：U(−{k}, {k})。",
    ),
    "shapes.grid": ("Which states are output, which are h_n?", "哪些状态组成 output，哪些组成 h_n？"),
    "shapes.grid_caption": (
        "Each dot is one h_t of one layer and direction. Blue dots (top layer only) are the "
        "columns of output; ringed dots are the rows of h_n. The dotted box is {last}, the last time step.",
        "每个点是某一层、某一方向在某一时刻的 h_t。蓝点（只在最上层）组成 output；带圈的点组成 h_n。"
        "虚线框是 {last}，即最后一个时间步。",
    ),
    "shapes.verdict": ("Checked by the real module", "由真实模块验证"),
    "shapes.verdict_ok": (
        "`{call}` on {device} accepted the predicted {accepted}, and all {n} shapes it produced (outputs above, "
        "parameters below) are exactly as predicted.",
        "`{call}` 在 {device} 上接受了预测的 {accepted}，它产生的全部 {n} 个形状（上方的输出和下方的参数）与预测完全一致。",
    ),
    "shapes.verdict_bad": (
        "Prediction and torch disagree on: {names}.",
        "预测与 torch 不一致：{names}。",
    ),
    "shapes.verdict_error": (
        "torch rejected the predicted shapes: {error}",
        "torch 拒绝了预测的形状：{error}",
    ),
    "shapes.on_meta": (
        "This setting costs {gflops} GFLOP per forward pass, above this device's budget, so "
        "torch checked it on the `meta` device: the same shape rules and errors, no numbers.",
        "该设置每次前向需要 {gflops} GFLOP，超出本设备的预算，因此 torch 在 `meta` 设备上检查："
        "形状规则和报错完全相同，只是不计算数值。",
    ),
    "shapes.on_meta_short": (
        "A meta run still costs time for every step, so torch ran the first {checked} of the "
        "{seq_len} steps: every check on the input's features and on the states happens before "
        "the first step, and the output has one row per step. The verdict below is at "
        "seq_len = {checked}.",
        "meta 运行仍然要逐个时间步执行，因此 torch 只运行了 {seq_len} 步中的前 {checked} 步："
        "对输入特征数和状态形状的检查都在第一步之前完成，而 output 每一步对应一行。"
        "下面的结论是在 seq_len = {checked} 时得出的。",
    ),
    "shapes.finals": (
        "Is {last} (the last time step) equal to h_n[-1]? Measured on the real tensors:",
        "{last}（最后一个时间步）等于 h_n[-1] 吗？在真实张量上测量：",
    ),
    "shapes.final_equal": ("equal", "相等"),
    "shapes.final_differ": ("differ (max |Δ| = {diff})", "不相等（最大 |Δ| = {diff}）"),
    "shapes.final_row": ("{direction}, t = {t}", "{direction}，t = {t}"),
    "shapes.torch_warning": ("torch warns when building this module:", "构建该模块时 torch 给出警告："),
    "shapes.snippet": ("Run it yourself", "自己运行"),
    "shapes.snippet_caption": (
        "This script builds the same module with the same weights and input, and prints every "
        "shape and every output-vs-h_n difference shown on this page.",
        "这段脚本用相同的权重和输入构建同样的模块，并打印本页显示的每个形状，以及 output 与 h_n 的每个差值。",
    ),
    "col.name": ("Name", "名称"),
    "col.shape": ("Shape", "形状"),
    "col.symbolic": ("In symbols", "符号形式"),
    "col.why": ("Why", "原因"),
    "col.blocks": ("Gate blocks (rows)", "按门拆分（行）"),
    "col.count": ("Count", "数量"),
    "col.predicted": ("Predicted", "预测"),
    "col.actual": ("torch", "torch 实际"),
    "why.input_tf": (
        "batch_first=False: time first, then batch, then features.",
        "batch_first=False：时间在前，然后是 batch，最后是特征。",
    ),
    "why.input_bf": (
        "batch_first=True puts the batch first; it changes only input and output.",
        "batch_first=True 把 batch 放到第 0 维（dim 0）；它只影响 input 和 output。",
    ),
    "why.input_unbatched": (
        "Unbatched input is 2-D: there is no batch axis, so batch_first has no effect.",
        "不带 batch 的输入是二维的：没有 batch 维，所以 batch_first 不起作用。",
    ),
    "why.h_0": (
        "One row per layer and direction: D·num_layers = {D}·{num_layers} = {rows}. States "
        "never follow batch_first.",
        "每层每个方向一行：D·num_layers = {D}·{num_layers} = {rows}。状态张量从不受 batch_first 影响。",
    ),
    "why.hx_zeros": (
        "Not passed here, so torch uses zeros of this shape.",
        "这里没有传入，torch 会用该形状的全零张量。",
    ),
    "why.h_proj": (
        "With proj_size, h is projected to H_out = proj_size = {proj_size}.",
        "设置了 proj_size，h 被投影到 H_out = proj_size = {proj_size}。",
    ),
    "why.output": (
        "h_t of the top layer (layer {last}) at every step; there is no layer axis. Width "
        "D·H_out = {D}·{H_out} = {width}.",
        "最上层（第 {last} 层）在每个时间步的 h_t；没有层这一维。最后一维的大小是 D·H_out "
        "= {D}·{H_out} = {width}。",
    ),
    "why.output_bidir": (
        "The first {H_out} columns are the forward direction, the last {H_out} the reverse one, "
        "both at the same t.",
        "前 {H_out} 列是正向，后 {H_out} 列是反向，二者对应同一个 t。",
    ),
    "why.h_n": (
        "The final h of every layer and direction: row k·D + d is layer k, direction d. Same "
        "shape as h_0; it ignores batch_first too.",
        "每层每个方向最后的 h：第 k·D + d 行是第 k 层、第 d 个方向。形状与 h_0 相同，同样不受 batch_first 影响。",
    ),
    "why.h_n_bidir": (
        "The reverse direction finishes at t = 0, so its final state is the reverse half "
        "of output at t = 0 (its last {H_out} columns), not {out_last}.",
        "反向在 t = 0 处结束，所以它的最终状态是 t = 0 处 output 的反向一半（后 {H_out} "
        "列），而不是 {out_last}。",
    ),
    "why.c": (
        "LSTM's cell state: the same layout as h_0, width H_cell = hidden_size = {H_cell}.",
        "LSTM 的细胞状态：排列与 h_0 相同，最后一维的大小是 H_cell = hidden_size = {H_cell}。",
    ),
    "why.c_proj": (
        "The cell state is not projected: it stays H_cell = hidden_size = {H_cell} wide while h is "
        "proj_size = {proj_size}.",
        "细胞状态不做投影：大小仍是 H_cell = hidden_size = {H_cell}，而 h 的大小是 proj_size = {proj_size}。",
    ),
    "why.c_n": (
        "The final cell state of every layer and direction, laid out like h_n.",
        "每层每个方向最后的细胞状态，排列与 h_n 相同。",
    ),
    "why.w_ih_0": (
        "Layer 0 reads the input, so H_in columns; one block of rows per gate.",
        "第 0 层读取输入，所以有 H_in 列；每个门占连续的 H_cell 行。",
    ),
    "why.w_ih_k": (
        "Layers above 0 read the previous layer's output: D·H_out = {D}·{H_out} columns.",
        "第 0 层之上的各层读取前一层的输出：D·H_out = {D}·{H_out} 列。",
    ),
    "why.weight_hh": (
        "Multiplies the previous h, so H_out columns; one block of rows per gate.",
        "与上一时刻的 h 相乘，所以有 H_out 列；每个门占连续的 H_cell 行。",
    ),
    "why.bias_ih": (
        "Added to x·W_ihᵀ. torch keeps two biases where textbooks write one.",
        "加在 x·W_ihᵀ 上。教材只写一个偏置，torch 保留两个。",
    ),
    "why.bias_hh": (
        "Added to h·W_hhᵀ; with b_ih it plays the textbook's single bias.",
        "加在 h·W_hhᵀ 上；与 b_ih 一起相当于教材里的那一个偏置。",
    ),
    "why.bias_hh_gru": (
        "Added to h·W_hhᵀ. Its r and z blocks (b_hr, b_hz) only ever appear summed with "
        "b_ir and b_iz, but its n block cannot merge into b_in: b_hn sits inside r ⊙ "
        "(W_hn h + b_hn).",
        "加在 h·W_hhᵀ 上。其中 r、z 两块（b_hr、b_hz）总是与 b_ir、b_iz 相加出现，可以合并；"
        "但 n 那一块不能并入 b_in：b_hn 位于 r ⊙ (W_hn h + b_hn) 之内。",
    ),
    "why.weight_hr": (
        "proj_size: after each step h is projected from H_cell down to H_out.",
        "proj_size：每一步之后把 h 从 H_cell 投影到 H_out。",
    ),
    "count.title": ("Where the count comes from", "参数个数是怎么来的"),
    "count.rule": (
        "Each layer and direction has G·H_cell·(H_in + H_out + 2) parameters: weight_ih, "
        "weight_hh and the two biases (without bias, no + 2), plus P·H_cell for the projection "
        "weight_hr; times D directions; summed over the layers. G = {G} for nn.{mode}; "
        "layer 0 reads H_in = input_size, every later layer D·H_out.",
        "每层每个方向有 G·H_cell·(H_in + H_out + 2) 个参数：weight_ih、weight_hh "
        "和两个偏置（不带偏置时没有 + 2），投影时再加上 weight_hr 的 P·H_cell 个；再乘以方向数 "
        "D，最后把各层相加。nn.{mode} 的 G = {G}；第 0 层读入 H_in = input_size，之后各层读入 "
        "D·H_out。",
    ),
    "count.layer": (
        "Layer {layer}: {D} × ({numbers}) = {D} × {per} = {total}",
        "第 {layer} 层：{D} × ({numbers}) = {D} × {per} = {total}",
    ),
    "count.sum": ("All layers: {terms} = {total}", "各层相加：{terms} = {total}"),
    "count.gates": (
        "Every weight and bias has G·H_cell rows, so with these sizes and no projection "
        "an nn.GRU has 3 times and an nn.LSTM 4 times the parameters of an nn.RNN: {rnn}, "
        "{gru} = 3 × {rnn}, {lstm} = 4 × {rnn}.",
        "每个权重和偏置都有 G·H_cell 行，所以在这些大小下、不带投影时，nn.GRU 的参数是 "
        "nn.RNN 的 3 倍，nn.LSTM 是 4 倍：{rnn}、{gru} = 3 × {rnn}、{lstm} = 4 × {rnn}。",
    ),
    "count.proj_saves": (
        "proj_size = {P} makes h {P} wide instead of {H}: weight_hh, and the weight_ih "
        "of every later layer, have fewer columns, while weight_hr adds P·H_cell = {hr} "
        "per layer and direction. Without the projection this LSTM would have {without} "
        "parameters; with it {total}, {diff} fewer.",
        "proj_size = {P} 让 h 的大小从 {H} 变为 {P}：weight_hh 以及之后各层的 weight_ih "
        "列数变少，而 weight_hr 为每层每个方向增加 P·H_cell = {hr} 个参数。不投影时这个 "
        "LSTM 有 {without} 个参数；投影后是 {total} 个，少了 {diff} 个。",
    ),
    "count.proj_costs": (
        "proj_size = {P} makes h {P} wide instead of {H}: weight_hh, and the weight_ih "
        "of every later layer, have fewer columns, while weight_hr adds P·H_cell = {hr} "
        "per layer and direction. Without the projection this LSTM would have {without} "
        "parameters; with it {total}, {diff} more: at these sizes weight_hr costs more "
        "than the smaller h saves.",
        "proj_size = {P} 让 h 的大小从 {H} 变为 {P}：weight_hh 以及之后各层的 weight_ih "
        "列数变少，而 weight_hr 为每层每个方向增加 P·H_cell = {hr} 个参数。不投影时这个 "
        "LSTM 有 {without} 个参数；投影后是 {total} 个，反而多了 {diff} 个：在这些大小下，"
        "weight_hr 增加的参数比 h 变小省下的还多。",
    ),
    "grid.forward": ("forward", "正向"),
    "grid.reverse": ("reverse", "反向"),
    "grid.hover": (
        "layer {layer}, {direction}, t = {t} (step {step})",
        "第 {layer} 层，{direction}，t = {t}（第 {step} 步）",
    ),
    "grid.in_output": ("in output", "属于 output"),
    "grid.inner": ("inner layer: not in output", "内部层：不在 output 中"),
    "grid.in_h_n": ("final state: a row of h_n", "最终状态：h_n 的一行"),
    "grid.output_last": ("{last}", "{last}"),
    "grid.layer": ("layer {layer}", "第 {layer} 层"),
    "grid.time": ("t (input position)", "t（输入位置）"),
    "col.layer": ("Layer", "层"),
    "col.direction": ("Direction", "方向"),
    "col.against": ("Checked against", "对照"),
    "col.max_diff": ("max |Δ|", "最大 |Δ|"),
    "against.output": ("output (the module's own)", "output（模块自身的输出）"),
    "against.one-layer module": ("a real one-layer module", "真实的单层模块"),
    "against.h_n": ("h_n", "h_n"),
    "against.c_n": ("c_n", "c_n"),
    "col.code": ("Code", "代码"),
}
