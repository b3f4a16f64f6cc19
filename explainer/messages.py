"""Every string the app shows, in English and Chinese side by side, keyed by a stable name."""

from __future__ import annotations

LANGS = ("en", "zh")

# key: (English, 中文). Placeholders use str.format names and must match in both.
#
# Glossary for the Chinese (tests/test_content.py keeps it): write new text with these terms.
#   axes          第 0 维（dim 0）、第 1 维（dim 1）: digits, counted from 0 like torch's dim=k;
#                 "（dim k）" at the first mention in a message. Never 第一维/第二维.
#   a size        维度 / 大小: "最后一维的大小是 H_out", "h 的大小是 proj_size"; never 宽/宽度.
#   N             批量大小 (batch size); "batch" stays for the batch itself: batch 维, 不带 batch.
#   L             序列长度, 时间步数; a packed sequence's real steps are 有效时间步.
#   H_cell        隐藏单元数 (hidden_size); c 细胞状态; h 隐藏状态.
#   gates         LSTM i 输入门, f 遗忘门, g 候选细胞状态, o 输出门; GRU r 重置门, z 更新门,
#                 n 候选隐藏状态 (torch's "new gate": not a gate).
#   a gate's rows 每个门占连续的 H_cell 行 (not 一块行).
#   running       运行 / 计算 (not 跑); forward pass 前向; backward 反向传播; bidirectional 双向,
#                 the reverse direction 反向, its half of output 反向一半.
#   code names    torch's own (input, output, h_n, batch_first, proj_size) stay in English.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- validation -----------------------------------------------------------------
    "config_error": ("{field} = {value}: {rule}.", "{field} = {value}：{rule}。"),
    "rule.int": ("must be a whole number from {lo} to {hi}", "必须是 {lo} 到 {hi} 之间的整数"),
    "rule.range": ("must be from {lo} to {hi}", "必须在 {lo} 到 {hi} 之间"),
    "rule.bool": ("must be true or false", "必须是 true 或 false"),
    "rule.choice": ("must be one of {choices}", "必须是以下之一：{choices}"),
    "rule.rnn_only": (
        "nonlinearity applies only to nn.RNN; {mode} always uses tanh (and sigmoid in its gates)",
        "nonlinearity 只对 nn.RNN 有效；{mode} 固定使用 tanh（门使用 sigmoid）",
    ),
    "rule.number": ("must be a number", "必须是数字"),
    "rule.no_gpu": ("this server has no GPU", "这台服务器没有 GPU"),
    "hs.strided": (
        "every {stride}th step drawn ({shown} of {seq_len}) to keep the page light; "
        "the exports hold every step",
        "为减轻页面负担，每 {stride} 步画一步（共 {seq_len} 步，画出 {shown} 步）；导出文件包含每一步",
    ),
    "rule.dropout_range": (
        "must be a probability from 0 to 1",
        "必须是 0 到 1 之间的概率",
    ),
    "rule.lstm_only": (
        "proj_size applies only to nn.LSTM, not nn.{mode}",
        "proj_size 只对 nn.LSTM 有效，nn.{mode} 没有这个参数",
    ),
    "rule.proj_lt_hidden": (
        "must be smaller than hidden_size ({hidden_size}); 0 turns the projection off",
        "必须小于 hidden_size（{hidden_size}）；0 表示不做投影",
    ),
    "rule.too_many_params": (
        "the module would have {count} parameters, above this app's limit of {limit}; "
        "lower hidden_size, num_layers or input_size",
        "模块将有 {count} 个参数，超过本应用的上限 {limit}；请减小 hidden_size、num_layers 或 input_size",
    ),
    "note.fallback": (
        "The link's setting {msg} Using {default} instead.",
        "链接中的设置有误：{msg}已改用 {default}。",
    ),
    "note.unknown": (
        "The link's setting '{name}' is not one this app knows; it was ignored.",
        "链接中的设置“{name}”无法识别，已忽略。",
    ),
    # --- the frame ------------------------------------------------------------------
    "app.title": ("RNN shapes, explained by real PyTorch", "用真实 PyTorch 讲清 RNN 的形状"),
    "nav.home": ("Home", "首页"),
    "nav.shapes": ("Shapes explorer", "形状浏览器"),
    "side.language": ("Language / 语言", "语言 / Language"),
    "side.device": ("Device", "设备"),
    "side.device_badge": (
        "Running on **{device}** · torch {version}",
        "运行于 **{device}** · torch {version}",
    ),
    "side.device_auto": ("GPU when present", "有 GPU 时用 GPU"),
    "side.module": ("Module", "模块"),
    "side.input": ("Input", "输入"),
    "side.unbatched": ("Unbatched (2-D input)", "不带 batch（二维输入）"),
    "side.pass_hx": ("Pass h_0 (and c_0)", "传入 h_0（和 c_0）"),
    "side.seed": ("Seed for weights and input", "权重与输入的随机种子"),
    "side.share": (
        "Every setting is in this page's address: copy it to share this exact view.",
        "所有设置都在本页网址里：复制网址即可分享当前画面。",
    ),
    "help.input_size": (
        "H_in: features per timestep (e.g. word-vector size).",
        "H_in：每个时间步的特征数（如词向量维度）。",
    ),
    "help.hidden_size": (
        "H_cell: hidden units, the size of h (and of an LSTM's c). With proj_size only "
        "c keeps it: h is projected to H_out = proj_size.",
        "H_cell：隐藏单元数，即 h（以及 LSTM 的 c）的大小。设置 proj_size 后只有 c 保持这个大小，"
        "h 被投影到 H_out = proj_size。",
    ),
    "help.num_layers": (
        "Stacked layers; layer k>0 reads layer k-1's output.",
        "堆叠层数；第 k>0 层读取第 k-1 层的输出。",
    ),
    "help.bidirectional": (
        "D = 2: a second pass runs from t = L-1 back to 0.",
        "D = 2：另一个方向从 t = L-1 倒着计算到 0。",
    ),
    "help.batch_first": (
        "Input and output become (N, L, …). States do not change.",
        "输入和输出变为 (N, L, …)；状态张量不变。",
    ),
    "help.bias": ("False removes both bias_ih and bias_hh.", "False 会同时去掉 bias_ih 和 bias_hh。"),
    "help.dropout": (
        "Applied between layers in training; not after the last layer.",
        "训练时在层与层之间使用；最后一层之后不用。",
    ),
    "help.proj_size": (
        "LSTM only: projects h to this size (0 = off).",
        "仅 LSTM：把 h 投影到这个大小（0 = 不投影）。",
    ),
    "help.seq_len": ("L: number of timesteps.", "L：时间步数。"),
    "help.batch_size": ("N: sequences in the batch.", "N：批量大小，即一个 batch 中的序列数。"),
    "guard.invalid": ("These settings are not valid:", "这些设置无效："),
    "guard.fix": (
        "Change it in the settings; torch would reject it too.",
        "请在设置中修改它；torch 同样会拒绝它。",
    ),
    "error.unexpected": (
        "Something went wrong while computing this page ({kind}). The settings were kept; "
        "try a smaller setting or reload.",
        "计算本页时出错（{kind}）。设置已保留；请尝试更小的设置或刷新页面。",
    ),
    # --- home -----------------------------------------------------------------------
    "home.intro": (
        "This app runs the real `nn.RNN`, `nn.LSTM` and `nn.GRU` and shows the shape of every "
        "tensor and parameter, with the reason for it. Change any setting (in the sidebar, or under "
        "Settings at the top of the page on a phone); the link keeps it, so a teacher can share one "
        "link with a whole class.",
        "本应用运行真实的 `nn.RNN`、`nn.LSTM` 和 `nn.GRU`，展示每个张量和参数的形状以及原因。"
        "任意设置都可以修改（在侧边栏，手机上在页面顶部的“设置”里）；链接会保存这些设置，"
        "老师可以把同一个链接发给全班。",
    ),
    "home.start": ("Start with the shapes explorer", "从形状浏览器开始"),
    "home.pages": ("What each page does", "各页面的内容"),
    "home.letters": ("The letters PyTorch uses", "PyTorch 使用的符号"),
    "home.letters_note": (
        "These are the symbols of PyTorch's own documentation, used on every page. Textbooks "
        "differ: d2l writes `num_hiddens` and `X W_xh` (input on the left, weights not "
        "transposed); PyTorch stores `weight_ih` as (rows = gates·hidden, columns = input) and "
        "computes `x W_ih^T`.",
        "这些是 PyTorch 官方文档的符号，本应用各页都使用它们。教材的写法不同：d2l 写作 "
        "`num_hiddens` 和 `X W_xh`（输入在左、权重不转置）；PyTorch 把 `weight_ih` 存成（行数 "
        "= 门数 × 隐藏单元数，列数 = 输入特征数），计算的是 `x W_ih^T`。",
    ),
    "home.col.letter": ("Symbol", "符号"),
    "home.col.meaning": ("Meaning", "含义"),
    "home.col.value": ("Now", "当前值"),
    "home.col.aka": ("Also written", "其他写法"),
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
    # --- shapes page -----------------------------------------------------------------
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
    # --- why each shape is what it is ------------------------------------------------
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
    # --- corrections of issue 14 (content review) and the parameter formula (issue 13) ---
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
    "dbg.univariate_bf": (
        "{x} has shape {shape}: a univariate series missing its feature axis. torch reads "
        "2-D input as one unbatched sequence (L, H_in), whatever batch_first says, so "
        "it takes the time axis for {got} features. {mod} was built with batch_first=True "
        "and expects (N, L, 1): add the axis.",
        "{x} 的形状是 {shape}：单变量序列缺少特征维。无论 batch_first 怎么设，torch "
        "都把二维输入当作一个不带 batch 的序列 (L, H_in)，于是把时间维当成了 {got} 个特征。"
        "{mod} 构建时设了 batch_first=True，需要 (N, L, 1)：请加上这一维。",
    ),
    "dbg.packed_head": (
        "For one vector per sequence (a classifier head), use the final state h_n[-1] "
        "instead: with packing it is each sequence's state after its last valid timestep.",
        "如果每个序列只需要一个向量（例如分类头），请改用最终状态 h_n[-1]：打包之后，"
        "它就是每个序列在最后一个有效时间步的状态。",
    ),
    "dbg.packed_head_bidir": (
        "For one vector per sequence (a classifier head), use the final states of both "
        "directions of the top layer instead: torch.cat((h_n[-2], h_n[-1]), dim=-1), "
        "{width} = 2·{H} wide. h_n[-1] alone is the reverse direction, which ends at "
        "t = 0 and is only {H} wide.",
        "如果每个序列只需要一个向量（例如分类头），请改用最上层两个方向的最终状态：torch.cat((h_n[-2], "
        "h_n[-1]), dim=-1)，大小为 {width} = 2·{H}。单独的 h_n[-1] 只是反向，它在 t = "
        "0 处结束，大小也只有 {H}。",
    ),
    "dbg.emb_rand": (
        "{x} comes from torch.{fn}, random floats in [0, 1): they are no ids, and .long() "
        "truncates every one of them to 0, so torch raises nothing but every token becomes "
        "the id 0. For a test batch of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是 [0, 1) 之间的随机浮点数：它们不是编号，.long() 会把每一个都截断成 "
        "0，torch 不会报错，但所有词都变成了编号 0。要造一批测试用的编号，请抽取整数："
        "{code}。",
    ),
    "dbg.emb_empty": (
        "{x} comes from torch.{fn}, memory that was never written: its values are no "
        "ids, and .long() of them gives whatever numbers were left there, often far outside "
        "0 … {last}. For a test batch of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是从未写入过的内存：里面的值不是编号，.long() 得到的是内存里残留的任意数，"
        "常常远在 0 … {last} 之外。要造一批测试用的编号，请抽取整数：{code}。",
    ),
    "dbg.w.random_state": (
        "Line {line}: the initial state given to nn.{mode} is drawn with {fn} every time "
        "this code runs, so the same input gives a different output on every call, and "
        "training learns from noise. Start from zeros: pass no state (torch then uses "
        "zeros), or build it with torch.zeros.",
        "第 {line} 行：传给 nn.{mode} 的初始状态每次运行到这里都用 {fn} 重新随机生成，"
        "同一个输入每次调用都会得到不同的输出，训练时模型学到的也是噪声。请从全零开始："
        "不传初始状态（torch 会自动用全零），或者用 torch.zeros 创建。",
    ),
    # --- grid figure ------------------------------------------------------------------
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
    # --- traces, hidden states, equations ---------------------------------------------------
    "rule.text_len": ("must be 1 to {hi} characters long", "长度必须在 1 到 {hi} 个字符之间"),
    "rule.train_text_len": (
        "must be {lo} to {hi} characters long to train on (the model reads each character and learns to predict the "
        "next one, so a single character leaves nothing to predict)",
        "用于训练时长度必须在 {lo} 到 {hi} 个字符之间（模型读入每个字符并学习预测下一个字符，只有一个字符就没有可预测的内容）",
    ),
    "rule.text_printable": (
        "must be one line of text, without control characters such as line breaks or tabs (found {char})",
        "必须是一行文字，不能包含换行符、制表符等控制字符（发现了 {char}）",
    ),
    "budget_error": ("Too big to run here: {rule}.", "设置过大，无法在此运行：{rule}。"),
    "budget.or": (", or ", "，或 "),
    "budget.apply": ("Use {setting}", "改用 {setting}"),
    "device.fallback": (
        "The GPU failed ({reason}), so this was computed on the CPU instead.",
        "GPU 出错（{reason}），因此改在 CPU 上计算。",
    ),
    "rule.over_budget_trace": (
        "tracing this setting would take about {seconds} s of this shared {device} ({gflops} GFLOP, "
        "{mb} MB, {values} recorded numbers); one interaction may take {max_seconds} s, {max_mb} MB and "
        "{max_values} numbers, so that the rest of the class is not kept waiting. Settings that fit: "
        "{suggestion}",
        "跟踪该设置约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB、记录 {values} 个数）；"
        "为了不让全班其他同学等待，每次交互最多 {max_seconds} 秒、{max_mb} MB、{max_values} 个数。"
        "可以改用：{suggestion}",
    ),
    "rule.over_budget_packed": (
        "running this batch packed and unpacked would take about {seconds} s of this shared {device} "
        "({gflops} GFLOP, {mb} MB); one interaction may take {max_seconds} s and {max_mb} MB. "
        "Settings that fit: {suggestion}",
        "该批次打包与不打包各运行一次约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；"
        "每次交互最多 {max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "rule.over_budget_forward": (
        "one forward pass would take about {seconds} s of this shared {device} ({gflops} GFLOP, {mb} MB); "
        "one interaction may take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "一次前向约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；每次交互最多 "
        "{max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "nav.hidden": ("Hidden states", "隐藏状态"),
    "nav.equations": ("Equation check", "公式验证"),
    "hs.title": ("Inside the layer: hidden states", "层的内部：隐藏状态"),
    "hs.purpose": (
        "Every hidden state of every layer and direction at every timestep, computed from PyTorch's "
        "equations by hand and checked against the real module.",
        "每一层、每个方向、每个时间步的隐藏状态：按 PyTorch 的公式手算，并与真实模块逐一核对。",
    ),
    "hs.source": ("Input", "输入"),
    "src.random": ("seeded random numbers", "随机数（固定种子）"),
    "src.sine": ("a sine wave (time series)", "正弦波（时间序列）"),
    "src.text": ("text through nn.Embedding", "文本经过 nn.Embedding"),
    "hs.text": ("Text (one timestep per character)", "文本（每个字符一个时间步）"),
    "hs.text_note": (
        "Text input: one step per character, so L = {L} and N = 1; each character is a row of "
        "nn.Embedding({vocab}, {H_in}).",
        "文本输入：每个字符一个时间步，所以 L = {L}、N = 1；每个字符是 nn.Embedding({vocab}, {H_in}) 的一行。",
    ),
    "hs.sine_note": (
        "Sine wave: feature j is the wave j steps later (period {period} steps); each batch item starts "
        "at its own phase.",
        "正弦波：第 j 个特征是延后 j 步的波形（周期 {period} 步）；每个样本的相位不同。",
    ),
    "hs.quantity": ("Show", "显示"),
    "q.h": ("h: hidden state", "h：隐藏状态"),
    "q.c": ("c: cell state", "c：细胞状态"),
    "q.i": ("i: input gate", "i：输入门"),
    "q.f": ("f: forget gate", "f：遗忘门"),
    "q.g": ("g: cell candidate", "g：候选细胞状态"),
    "q.o": ("o: output gate", "o：输出门"),
    "q.r": ("r: reset gate", "r：重置门"),
    "q.z": ("z: update gate", "z：更新门"),
    "q.n": ("n: candidate hidden state (torch's 'new gate')", "n：候选隐藏状态（torch 文档中的 new gate）"),
    "hs.layer": ("Layer", "层"),
    "hs.item": ("Batch item", "batch 中的样本"),
    "hs.units": ("Units to plot over time", "要画出随时间变化的单元"),
    "hs.unit": ("unit", "单元"),
    "hs.heatmap": ("{q}, every unit at every step", "{q}——每个单元在每个时间步的值"),
    "hs.lines": ("Chosen units over time", "所选单元随时间的变化"),
    "hs.panel_output": ("= {index} (top layer)", "= {index}（最上层）"),
    "hs.panel_h_n": ("h_n[{row}] is t = {t}", "h_n[{row}] 即 t = {t}"),
    "hs.panel_c_n": ("c_n[{row}] is t = {t}", "c_n[{row}] 即 t = {t}"),
    "hs.hover": (
        "t = %{{x}}<br>unit %{{y}}<br>{q} = %{{z:.6f}}",
        "t = %{{x}}<br>单元 %{{y}}<br>{q} = %{{z:.6f}}",
    ),
    "hs.finals_lstm": ("h_n and c_n", "h_n 和 c_n"),
    "hs.backed": (
        "Every h on this page is held against the real module: the top layer against output, the final "
        "states against {finals}, each inner layer against a real one-layer nn.{mode} with that "
        "layer's weights, fed the layer below.",
        "本页的每个 h 都与真实模块核对：最上层对照 output，最终状态对照 {finals}，"
        "每个内部层对照一个真实的单层 nn.{mode}：它装有该层的权重，输入是其下面一层的输出。",
    ),
    "hs.gates_note": (
        "The module does not return its gates (nor the candidates g and n); they are "
        "backed by the h and c they produce.",
        "模块不返回门（以及候选值 g、n）的值；它们由算出的 h 和 c 间接验证。",
    ),
    "hs.ok": (
        "Manual and module agree: largest |Δ| = {diff}, within the tolerance {tol}.",
        "手算与模块一致：最大 |Δ| = {diff}，在容差 {tol} 之内。",
    ),
    "hs.bad": (
        "Manual and module differ: largest |Δ| = {diff}, above the tolerance {tol}.",
        "手算与模块不一致：最大 |Δ| = {diff}，超过容差 {tol}。",
    ),
    "col.layer": ("Layer", "层"),
    "col.direction": ("Direction", "方向"),
    "col.against": ("Checked against", "对照"),
    "col.max_diff": ("max |Δ|", "最大 |Δ|"),
    "against.output": ("output (the module's own)", "output（模块自身的输出）"),
    "against.one-layer module": ("a real one-layer module", "真实的单层模块"),
    "against.h_n": ("h_n", "h_n"),
    "against.c_n": ("c_n", "c_n"),
    "eq.title": ("Equation check", "公式验证"),
    "eq.purpose": (
        "PyTorch's equations for this module, one step with the real numbers substituted, and the "
        "whole sequence computed by hand against the real module.",
        "该模块的 PyTorch 公式、代入真实数值的某一步，以及整段序列的手算结果与真实模块的对比。",
    ),
    "eq.equations": ("PyTorch's equations for nn.{mode}", "nn.{mode} 的 PyTorch 公式"),
    "eq.conventions": (
        "PyTorch's conventions, not the textbook's. Its docs write nn.RNN as x Wᵀ and "
        "nn.LSTM and nn.GRU as W x: the same product, W x for one column vector x and "
        "x Wᵀ for a batch of row vectors, which is what torch computes. Every gate has "
        "two biases (b_i* and b_h*); LSTM's gates are stacked i, f, g, o and GRU's r, "
        "z, n.",
        "这里是 PyTorch 的约定，而不是教材的。PyTorch 文档把 nn.RNN 写成 x Wᵀ，把 nn.LSTM "
        "和 nn.GRU 写成 W x：二者是同一个乘积，对单个列向量 x 写作 W x，对一批行向量写作 "
        "x Wᵀ（torch 实际就是这样算的）。每个门有两个偏置（b_i* 和 b_h*）；LSTM 的门按 "
        "i、f、g、o 堆叠，GRU 按 r、z、n 堆叠。",
    ),
    "eq.gru_note": (
        "In nn.GRU, r multiplies (W_hn h + b_hn): the textbook GRU resets h before the matmul, which "
        "gives different numbers.",
        "在 nn.GRU 中，r 乘的是 (W_hn h + b_hn)；教材版 GRU 在矩阵乘法之前重置 h，得到的数值不同。",
    ),
    "eq.pick": ("One step with its numbers", "代入数值的一步"),
    "eq.direction": ("Direction", "方向"),
    "eq.t": ("Timestep t", "时间步 t"),
    "eq.step": (
        "Layer {layer}, {direction}, t = {t}, batch item {item}",
        "第 {layer} 层，{direction}，t = {t}，样本 {item}",
    ),
    "eq.prev_init": (
        "This is the direction's first step, so hₜ₋₁ (and cₜ₋₁) is the initial state: zeros.",
        "这是该方向的第一步，所以 hₜ₋₁（和 cₜ₋₁）是初始状态：全零。",
    ),
    "eq.prev": ("hₜ₋₁ is this direction's state at t = {prev}.", "hₜ₋₁ 是该方向在 t = {prev} 处的状态。"),
    "eq.operands": ("Operands", "运算数"),
    "eq.results": ("Results", "结果"),
    "eq.step_vs_trace": (
        "This step, recomputed from the weights, equals the traced numbers: max |Δ| = {diff}.",
        "由权重重新计算的这一步与跟踪记录的数值一致：最大 |Δ| = {diff}。",
    ),
    "eq.step_vs_trace_bad": (
        "This step, recomputed from the weights, differs from the traced numbers: max |Δ| = {diff}.",
        "由权重重新计算的这一步与跟踪记录的数值不一致：最大 |Δ| = {diff}。",
    ),
    "eq.whole": ("Whole sequence: manual vs module", "整段序列：手算 vs 模块"),
    "eq.diff_name": ("max |manual − module| in output", "output 中最大 |手算 − 模块|"),
    "eq.tolerance_line": ("tolerance {tol}", "容差 {tol}"),
    "eq.tolerance": ("Tolerance {tol}: {why}", "容差 {tol}：{why}"),
    "eq.dtype": ("Precision", "精度"),
    "eq.source": ("The code that computed every step", "计算每一步的代码"),
    "eq.source_caption": (
        "Shown with inspect.getsource from explainer/manual.py: this is the function that ran.",
        "由 inspect.getsource 从 explainer/manual.py 读出：这正是运行的那个函数。",
    ),
    "eq.device": ("Module ran on {device}.", "模块运行于 {device}。"),
    # --- equation page: textbook variants ------------------------------------------------
    "var.title": ("Common textbook variants", "教材中常见的写法"),
    "var.purpose": (
        "Recompute the whole sequence on the same weights and input with a convention many textbooks "
        "use, and see how far it lands from the real module. Only the convention changes: it is the "
        "manual path above with one step function (or one bias) swapped.",
        "在同样的权重和输入上，换用许多教材采用的约定重新计算整段序列，看看结果离真实模块有多远。"
        "只改约定：这就是上面的手算路径，只换掉了一个步骤函数（或一个偏置）。",
    ),
    "var.pick": ("Convention", "约定"),
    "var.name.pytorch": ("PyTorch's own", "PyTorch 自己的"),
    "var.name.gru_reset_before": ("GRU: reset before the matmul", "GRU：先重置再做矩阵乘法"),
    "var.name.lstm_ifog": ("LSTM: gates read as i, f, o, g", "LSTM：按 i、f、o、g 读取门"),
    "var.name.single_bias": ("One bias: b_ih only, b_hh dropped", "单偏置：只用 b_ih，丢掉 b_hh"),
    "var.why.gru_reset_before": (
        "The original GRU paper (Cho et al., 2014) and d2l reset the state before the "
        "matmul, n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn); PyTorch follows cuDNN, "
        "which computes h W_hhᵀ for the r, z and n blocks in one matrix product before "
        "r is known, so r can only scale the finished product (W_hn h + b_hn).",
        "GRU 原论文（Cho 等，2014）和 d2l 在矩阵乘法之前先重置状态：n = tanh(W_in x + "
        "b_in + W_hn (r ⊙ h) + b_hn)；PyTorch 沿用 cuDNN 的做法，在 r 算出之前就用一次矩阵乘法算好 "
        "r、z、n 三块的 h W_hhᵀ，所以 r 只能作用在乘完的结果 (W_hn h + b_hn) 上。",
    ),
    "var.why.lstm_ifog": (
        "d2l and many tutorials write the gates in the order i, f, o and then the candidate g; PyTorch "
        "(like cuDNN) stacks the rows of weight_ih and weight_hh as i, f, g, o, so code that slices "
        "PyTorch's weights in the textbook's order uses the candidate's rows as the output gate and the "
        "output gate's rows as the candidate.",
        "d2l 和许多教程按 i、f、o 的顺序写门，最后才是候选值 g；PyTorch（与 cuDNN 一样）"
        "把 weight_ih 和 weight_hh 的行按 i、f、g、o 堆叠，所以按教材顺序切分 PyTorch "
        "权重的代码，会把候选值的行当成输出门，把输出门的行当成候选值。",
    ),
    "var.why.single_bias": (
        "This is what a from-scratch textbook implementation with one bias per gate (d2l's b_h) does "
        "when it is given PyTorch's weights: it keeps b_ih and drops b_hh, whereas PyTorch keeps both "
        "biases because cuDNN defines both.",
        "从零实现、每个门只有一个偏置的教材代码（如 d2l 的 b_h）拿到 PyTorch 的权重时就是这样做的："
        "保留 b_ih，丢掉 b_hh；而 PyTorch 保留两个偏置，因为 cuDNN 定义了两个。",
    ),
    "var.name.gru_colah": ("GRU: colah's z (z keeps the candidate)", "GRU：colah 的 z（z 保留候选隐藏状态）"),
    "var.name.lstm_forget_one": ("LSTM: forget bias 1 added in the step", "LSTM：每步给遗忘门加 1"),
    "var.why.gru_colah": (
        "colah's “Understanding LSTM Networks” writes h_t = (1 − z_t) ⊙ hₜ₋₁ + z_t ⊙ ñ_t: z is the share of "
        "the new candidate. PyTorch and d2l write h_t = (1 − z_t) ⊙ n_t + z_t ⊙ hₜ₋₁: z is the share of the "
        "old state. Here only z and 1 − z are swapped (r stays where PyTorch applies it). The change that makes "
        "them equal: since 1 − σ(a) = σ(−a), negating the z rows of weight_ih, weight_hh, bias_ih and bias_hh "
        "turns one convention into the other, so the same architecture learns either way, but weights copied "
        "between the two without that negation compute something else.",
        "colah 的《Understanding LSTM Networks》写作 h_t = (1 − z_t) ⊙ hₜ₋₁ + z_t ⊙ ñ_t：z 是新候选隐藏状态所占的"
        "比例。PyTorch 和 d2l 写作 h_t = (1 − z_t) ⊙ n_t + z_t ⊙ hₜ₋₁：z 是旧状态所占的比例。这里只交换 z 和 "
        "1 − z（r 仍按 PyTorch 的方式作用）。让两者相等的改动：因为 1 − σ(a) = σ(−a)，把 weight_ih、weight_hh、"
        "bias_ih、bias_hh 中 z 对应的行取负，就能从一种约定变成另一种；所以两种写法学得一样好，但在两者之间"
        "直接复制权重而不取负，算出的就是另一回事。",
    ),
    "var.why.lstm_forget_one": (
        "TensorFlow's BasicLSTMCell (forget_bias=1.0 by default) adds 1 to the forget gate's input at every "
        "step, so its stored bias leaves the 1 out: f_t = σ(W_if x_t + b_if + W_hf hₜ₋₁ + b_hf + 1). "
        "Keras' unit_forget_bias=True and Jozefowicz et al. (2015) put that 1 into the bias when it is "
        "initialised instead. The change that makes them equal: add 1 to bias_ih's forget rows (b_if) of "
        "the PyTorch module, which is also how to port weights from such a cell. The gradient page shows "
        "what the 1 does for the gradient.",
        "TensorFlow 的 BasicLSTMCell（默认 forget_bias=1.0）在每一步都给遗忘门的输入加 1，所以它保存的偏置里"
        "不含这个 1：f_t = σ(W_if x_t + b_if + W_hf hₜ₋₁ + b_hf + 1)。Keras 的 unit_forget_bias=True 和 "
        "Jozefowicz 等（2015）则是在初始化时把这个 1 放进偏置。让两者相等的改动：给 PyTorch 模块 bias_ih 中"
        "遗忘门的行（b_if）加 1，从这类 cell 移植权重时也要这样做。梯度流页面展示了这个 1 对梯度的作用。",
    ),
    "var.fold_sum": (
        "In nn.{mode} the two biases only ever appear as a sum, so the faithful one-bias port is "
        "b = b_ih + b_hh.",
        "在 nn.{mode} 中两个偏置总是以和的形式出现，所以正确的单偏置移植是 b = b_ih + b_hh。",
    ),
    "var.fold_gru": (
        "In nn.GRU no single bias is faithful: b_hr and b_hz fold into b_ir and b_iz, "
        "but b_hn sits inside r ⊙ (W_hn h + b_hn), so it cannot be added to b_in.",
        "在 nn.GRU 中没有等价的单偏置写法：b_hr、b_hz 可以并入 b_ir、b_iz，但 b_hn 位于 "
        "r ⊙ (W_hn h + b_hn) 之内，不能并入 b_in。",
    ),
    "var.pytorch_note": (
        "PyTorch's own convention is the manual check above: largest |Δ| = {diff}, tolerance {tol}. "
        "Pick a textbook variant to see what getting one convention wrong costs.",
        "PyTorch 自己的约定就是上面的手算验证：最大 |Δ| = {diff}，容差 {tol}。"
        "选一种教材写法，看看约定错一处会差多少。",
    ),
    "var.col_pytorch": ("PyTorch (nn.{mode})", "PyTorch（nn.{mode}）"),
    "var.col_variant": ("This variant", "这种写法"),
    "var.ifog_names": (
        "Written in PyTorch's block names: the textbook's o_t reads the block where PyTorch keeps g's "
        "weights, and its g_t reads o's.",
        "这里用 PyTorch 的分块名称书写：教材的 o_t 读到的是 PyTorch 存放 g 权重的那一块，g_t 读到的是 o 的那一块。",
    ),
    "var.far": (
        "Largest |variant − module| over the sequence: {diff}, {ratio} times the float tolerance {tol}. "
        "Rounding cannot explain that; the convention does.",
        "整段序列上最大 |变体 − 模块| = {diff}，是浮点容差 {tol} 的 {ratio} 倍。"
        "舍入误差解释不了这么大的差距，差别来自约定。",
    ),
    "var.same": (
        "Largest |variant − module|: {diff}, within the tolerance {tol}: at this setting the two "
        "conventions happen to give the same numbers (a GRU's first step from h₀ = 0 without biases is "
        "one such case); a longer sequence shows the difference.",
        "最大 |变体 − 模块| = {diff}，在容差 {tol} 之内：在当前设置下两种约定恰好给出相同的数值"
        "（例如不带偏置的 GRU 从 h₀ = 0 出发的第一步）；换更长的序列就能看到差别。",
    ),
    "var.finals": ("Final states, variant vs module: {finals}.", "最终状态，变体 vs 模块：{finals}。"),
    "var.diff_name": ("max |variant − module| in output", "output 中最大 |变体 − 模块|"),
    "var.source": (
        "The step this variant swapped in, as it ran (inspect.getsource from explainer/variants.py):",
        "该写法换入的步骤函数，即实际运行的代码（由 inspect.getsource 从 explainer/variants.py 读出）：",
    ),
    "var.same_steps": (
        "The step functions are PyTorch's own (shown at the bottom of the page), called with b_hh = None.",
        "步骤函数与 PyTorch 的相同（见页面底部），只是调用时传入 b_hh = None。",
    ),
    # --- equation page: the layer as a cell loop -------------------------------------------
    "cell.title": ("The same layer as a loop over nn.{cell}", "同一层，用 nn.{cell} 逐步循环"),
    "cell.purpose": (
        "Copy layer 0's weights into a real nn.{cell} and call it once per timestep, "
        "as the RNNCell tutorial does: nn.{mode} computes the same recurrence, only inside "
        "torch's own kernels (on the CPU, oneDNN for an LSTM in float32 without proj_size "
        "and a C++ loop otherwise; cuDNN on the GPU).",
        "把第 0 层的权重复制进一个真实的 nn.{cell}，像 RNNCell 教程那样每个时间步调用一次："
        "nn.{mode} 计算的是同样的递推，只是放在 torch 自己的内核里（CPU 上，float32 且不带 "
        "proj_size 的 LSTM 用 oneDNN，其余情况是 C++ 循环；GPU 上用 cuDNN）。",
    ),
    "cell.ok": (
        "The cell loop equals the layer: max |Δ| = {diff} (tolerance {tol}).",
        "cell 循环与该层一致：最大 |Δ| = {diff}（容差 {tol}）。",
    ),
    "cell.bad": (
        "The cell loop differs from the layer: max |Δ| = {diff}, above the tolerance {tol}.",
        "cell 循环与该层不一致：最大 |Δ| = {diff}，超过容差 {tol}。",
    ),
    "cell.reverse": (
        "Reverse direction: a second cell holding the _reverse weights loops from t = "
        "L−1 down to 0; its final state is the reverse half of output at t = 0, and row "
        "1 of h_n.",
        "反向：第二个 cell 装入 _reverse 权重，从 t = L−1 循环到 0；它的最终状态是 t "
        "= 0 处 output 的反向一半，也就是 h_n 的第 1 行。",
    ),
    "cell.deeper": (
        "Layer 0 of {layers}: a multi-layer module does not return layer 0's output, so the loop is "
        "held against a real one-layer module with layer 0's weights, and its final states against "
        "the module's own h_n[{rows}].",
        "{layers} 层中的第 0 层：多层模块不会返回第 0 层的输出，所以循环结果与装有第 0 层权重的真实"
        "单层模块比较，最终状态则与模块自身的 h_n[{rows}] 比较。",
    ),
    "cell.single": (
        "Held against the module's own output and h_n.",
        "与模块自身的 output 和 h_n 比较。",
    ),
    "cell.proj": (
        "nn.LSTMCell has no proj_size: its W_hh multiplies the full H-wide h = o ⊙ tanh(c), while the "
        "layer's W_hh (4H × proj_size) multiplies the projected W_hr h. So the loop copies W_hh W_hr "
        "(4H × H) into the cell, keeps the unprojected h as the cell's state and applies W_hr to each h "
        "by hand (w_hr below). It reproduces the layer, but the projection is this code, not the cell.",
        "nn.LSTMCell 没有 proj_size：它的 W_hh 乘的是 H 维的完整 h = o ⊙ tanh(c)，而该层的 W_hh"
        "（4H × proj_size）乘的是投影后的 W_hr h。因此循环把 W_hh W_hr（4H × H）复制进 cell，"
        "以未投影的 h 作为 cell 的状态，并对每个 h 手动乘上 W_hr（即下面的 w_hr）。"
        "结果与该层一致，但投影是这段代码做的，不是 cell 做的。",
    ),
    "cell.unbatched": (
        "Unbatched input is looped as a batch of one.",
        "不带 batch 的输入按批量大小为 1 循环。",
    ),
    "cell.vs_output": ("max |Δ| output", "output 最大 |Δ|"),
    "cell.vs_h_n": ("max |Δ| h_n", "h_n 最大 |Δ|"),
    "cell.vs_c_n": ("max |Δ| c_n", "c_n 最大 |Δ|"),
    "cell.source": ("The loop that ran", "实际运行的循环"),
    "cell.source_caption": (
        "Shown with inspect.getsource from explainer/cells.py: the weight copy and the loop, as they ran.",
        "由 inspect.getsource 从 explainer/cells.py 读出：权重复制和循环，即实际运行的代码。",
    ),
    "tol.cpu_float64": (
        "float64 on the CPU. The same sums in another order agree to about 1e-15; 1e-10 leaves room.",
        "CPU 上的 float64。同样的求和换个顺序，结果相差约 1e-15；1e-10 留有余量。",
    ),
    "tol.cpu_float32": (
        "float32 on the CPU. torch's fused kernels add in another order (about 1e-7 per operation); "
        "1e-5 covers long sequences and every corner of this app's limits measured.",
        "CPU 上的 float32。torch 的融合内核求和顺序不同（每次运算约 1e-7）；1e-5 足以覆盖长序列，"
        "以及本应用限制内实测过的所有极端设置。",
    ),
    "tol.cuda_tf32": (
        "float32 on CUDA, where cuDNN runs RNN matmuls in TF32 (a 10-bit mantissa) on "
        "Ampere and newer GPUs: allowed here because `{setting}`. 1e-2 covers TF32 emulated "
        "on the CPU for every setting measured (worst 2.2e-3).",
        "CUDA 上的 float32：在 Ampere 及更新的 GPU 上，cuDNN 以 TF32（10 位尾数）执行 "
        "RNN 矩阵乘法，此处因为 `{setting}` 而允许。1e-2 覆盖了在 CPU 上模拟 TF32 时实测的所有设置（最差 "
        "2.2e-3）。",
    ),
    "tol.cuda_float32": (
        "float32 on CUDA with full-precision (IEEE) RNN matmuls: in force here because `{setting}`.",
        "CUDA 上的 float32，RNN 矩阵乘法使用完整精度（IEEE）：此处生效的设置是 `{setting}`。",
    ),
    "tol.scaled": (
        "Rounding grows with the numbers and with the terms each sum adds, so here the bound is "
        "{base} × {values} (the largest |h| or |c|, at least 1) × {fan} (√ of the widest layer input "
        "over hidden_size, at least 1).",
        "舍入误差随数值大小和每次求和的项数增长，所以这里的容差是 {base} × {values}（最大的 "
        "|h| 或 |c|，至少为 1）× {fan}（各层输入中最大的特征数除以 hidden_size 再开方，"
        "至少为 1）。",
    ),
    "tol.cuda_float64": ("float64 on CUDA.", "CUDA 上的 float64。"),
    # --- gradient flow through time ---------------------------------------------------------
    "nav.gradients": ("Gradient flow", "梯度流"),
    "grad.title": ("Gradient flow through time", "梯度如何穿过时间"),
    "grad.purpose": (
        "Why LSTM and GRU exist: how much of the gradient of the last step reaches each earlier "
        "timestep, measured by real autograd on real modules, on a log scale. Lengthen the sequence "
        "and watch the plain RNN's gradient vanish; give the LSTM a forget bias of 1 and watch far more "
        "of it arrive.",
        "LSTM 和 GRU 为什么存在：最后一步的梯度有多少能传回前面的每个时间步，由真实模块上的真实 autograd "
        "算出，用对数坐标画出。把序列加长，看普通 RNN 的梯度消失；把 LSTM 的遗忘门偏置设为 1，看到传回来的梯度多得多。",
    ),
    "grad.hh_scale": ("weight_hh × scale", "weight_hh × 缩放"),
    "grad.hh_help": (
        "Every weight_hh (all layers, both directions) is multiplied by this after torch's init. "
        "Below 1 the recurrence shrinks what it carries; well above 1 it can blow it up.",
        "在 torch 的初始化之后，把每个 weight_hh（所有层、两个方向）乘以这个数。小于 1 时递推会把"
        "传递的量越缩越小；远大于 1 时可能把它放大到爆炸。",
    ),
    "grad.forget_bias": ("LSTM forget-gate bias", "LSTM 遗忘门偏置"),
    "grad.fb.torch": ("as torch draws it", "torch 的默认初始化"),
    "grad.fb.0": ("0", "0"),
    "grad.fb.1": ("1 (Keras, Jozefowicz et al.)", "1（Keras、Jozefowicz 等）"),
    "grad.fb_help": (
        "Sets b_if + b_hf (the two biases only ever appear as a sum) to 0 or 1, with b_hf = 0. "
        "Keras' unit_forget_bias=True and Jozefowicz et al. (2015) start it at 1, so the forget gate "
        "starts near σ(1) ≈ 0.73 instead of near 0.5.",
        "把 b_if + b_hf（两个偏置总是以和的形式出现）设为 0 或 1，其中 b_hf = 0。Keras 的 "
        "unit_forget_bias=True 和 Jozefowicz 等（2015）把它初始化为 1，于是遗忘门一开始约为 "
        "σ(1) ≈ 0.73，而不是 0.5 左右。",
    ),
    "grad.fb_no_bias": (
        "bias = False: the LSTM has no forget-gate bias to set, so this choice changes nothing.",
        "bias = False：LSTM 没有遗忘门偏置可设，这个选项不起作用。",
    ),
    "grad.max_norm": ("clip_grad_norm_ max_norm", "clip_grad_norm_ 的 max_norm"),
    "grad.float64": (
        "Computed in float64, where a gradient down to about 1e-308 is still a number (float32 "
        "would round anything below about 1e-45 to 0). Points that are exactly 0 are not drawn on "
        "the log scale: {zeros}.",
        "以 float64 计算，梯度小到约 1e-308 仍是一个数（float32 会把约 1e-45 以下的数舍入为 0）。"
        "恰好为 0 的点无法画在对数坐标上，未画出：{zeros}。",
    ),
    "grad.no_zeros": ("none here", "本例中没有"),
    "grad.compare_title": ("Four recurrences, same sizes, same input", "四种递推：同样的大小，同样的输入"),
    "grad.compare_caption": (
        "Each line is a real module with the sidebar's sizes and flags (nn.RNN with tanh, nn.RNN with "
        "relu, nn.LSTM, nn.GRU, same seed) on the same input: ℓ = h_n[{row}].sum() (the top layer's "
        "forward final state), ℓ.backward(), and the norm of x.grad at each timestep t ({slice}) over the "
        "batch and the features.",
        "每条线都是一个真实模块：侧边栏的大小和选项（tanh 的 nn.RNN、relu 的 nn.RNN、nn.LSTM、nn.GRU，"
        "同一个种子），同一个输入：ℓ = h_n[{row}].sum()（最上层正向的最终状态），调用 ℓ.backward()，"
        "再对每个时间步 t 求 x.grad 在该步（{slice}）整个批量和所有特征上的范数。",
    ),
    "grad.axis": ("‖∂ℓ/∂x_t‖ (log scale)", "‖∂ℓ/∂x_t‖（对数坐标）"),
    "grad.axis_layer": ("‖∂ℓ/∂(layer input)_t‖ (log scale)", "‖∂ℓ/∂(该层输入)_t‖（对数坐标）"),
    "grad.claim.vanishes": (
        "{name}: the gradient reaching t = 0 is {ratio} of the one at t = {T} (about ×{step} per "
        "step): it vanishes, more than {factor}× smaller.",
        "{name}：传到 t = 0 的梯度是 t = {T} 处的 {ratio}（平均每步约 ×{step}）：梯度消失，缩小了 {factor} 倍以上。",
    ),
    "grad.claim.explodes": (
        "{name}: the gradient reaching t = 0 is {ratio} times the one at t = {T} (about ×{step} per "
        "step): it explodes, more than {factor}× larger.",
        "{name}：传到 t = 0 的梯度是 t = {T} 处的 {ratio} 倍（平均每步约 ×{step}）：梯度爆炸，放大了 {factor} 倍以上。",
    ),
    "grad.claim.keeps_smaller": (
        "{name}: the gradient reaching t = 0 is {ratio} times the one at t = {T} (about ×{step} per "
        "step): {times}× smaller, still within the {factor}× this page calls vanishing.",
        "{name}：传到 t = 0 的梯度是 t = {T} 处的 {ratio} 倍（平均每步约 ×{step}）：缩小了 {times} 倍，"
        "仍在本页判定为梯度消失的 {factor} 倍以内。",
    ),
    "grad.claim.keeps_larger": (
        "{name}: the gradient reaching t = 0 is {ratio} times the one at t = {T} (about ×{step} per "
        "step): {times}× larger, still within the {factor}× this page calls exploding.",
        "{name}：传到 t = 0 的梯度是 t = {T} 处的 {ratio} 倍（平均每步约 ×{step}）：放大了 {times} 倍，"
        "仍在本页判定为梯度爆炸的 {factor} 倍以内。",
    ),
    "grad.claim.single": (
        "{name}: one timestep only; lengthen the sequence to see the gradient travel.",
        "{name}：只有一个时间步；把序列加长，才能看到梯度向前传。",
    ),
    "grad.claim.zero": (
        "{name}: the gradient at t = {at} is exactly 0: no path carries any gradient there (with relu, "
        "every unit it passes through is inactive, so its slope is 0). That is not a slow decay; other "
        "weights or inputs (another seed) give a gradient.",
        "{name}：t = {at} 处的梯度恰好为 0：没有任何路径把梯度传到那里（用 relu 时，它经过的每个单元都没有激活，"
        "斜率为 0）。这不是逐步衰减；换一组权重或输入（换个种子）就会有梯度。",
    ),
    "grad.claim.overflow": (
        "{name}: the gradient at t = 0 or t = {T} is inf or nan: it left float64's range (exploded past "
        "1e308).",
        "{name}：t = 0 或 t = {T} 处的梯度是 inf 或 nan：它超出了 float64 的范围（爆炸到 1e308 以上）。",
    ),
    "grad.lstm_vs_rnn": (
        "At t = 0 the LSTM keeps {ratio} times as much gradient as the tanh RNN.",
        "在 t = 0 处，LSTM 保留的梯度是 tanh RNN 的 {ratio} 倍。",
    ),
    "grad.layers_title": (
        "Your nn.{mode}, layer by layer and direction by direction",
        "你的 nn.{mode}：逐层、逐方向",
    ),
    "grad.layers_caption": (
        "Each layer runs as a real one-layer module holding that layer's weights, on the real output of "
        "the layer below: ℓ = that direction's final h summed, and the gradient reaching the layer's own "
        "input at each t.",
        "每一层都作为一个装有该层权重的真实单层模块运行，输入是前一层（下面一层）的真实输出：ℓ = 该方向最终 h 之和，"
        "画出在每个 t 传到该层自己输入处的梯度。",
    ),
    "grad.layers_caption_reverse": (
        "The reverse direction's ℓ is read at t = 0 (where it ends), so its gradient travels from t = 0 "
        "towards t = {T}.",
        "反向的 ℓ 在 t = 0 处读出（反向在那里结束），所以它的梯度从 t = 0 向 t = {T} 传。",
    ),
    "grad.layer_dir": ("layer {layer} {arrow}", "第 {layer} 层 {arrow}"),
    "grad.why_title": ("Why the LSTM's path keeps gradients alive", "为什么 LSTM 的通路能让梯度活下来"),
    "grad.why_rnn": (
        "A plain RNN computes hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh), so going one step back "
        "multiplies the gradient by the step Jacobian ∂hₜ/∂hₜ₋₁ = diag(1 − hₜ²) W_hh. Over many "
        "steps that is a product of many such matrices: when they shrink vectors (|h| near 1 makes "
        "1 − h² small; torch's init makes W_hh small) the product shrinks geometrically, a straight line "
        "down on the log scale.",
        "普通 RNN 计算 hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh)，所以往回走一步，梯度就要乘上"
        "单步 Jacobian 矩阵 ∂hₜ/∂hₜ₋₁ = diag(1 − hₜ²) W_hh。走很多步，就是很多个这样的矩阵连乘："
        "只要它们会把向量缩小（|h| 接近 1 时 1 − h² 很小；torch 的初始化让 W_hh 很小），连乘结果就按"
        "几何级数缩小，在对数坐标上是一条向下的直线。",
    ),
    "grad.why_lstm_single": (
        "An LSTM updates its cell state additively: cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ, so along c the step "
        "Jacobian is just diag(fₜ). With one timestep there is no step back to multiply over; here the "
        "forget gate averages {f_mean}. Lengthen the sequence to see the product of forget gates at work.",
        "LSTM 以加法方式更新细胞状态：cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ，所以沿着 c 的单步 Jacobian 矩阵就是 diag(fₜ)。"
        "只有一个时间步时，没有可以连乘的前一步；本例中遗忘门的平均值为 {f_mean}。把序列加长，就能看到遗忘门连乘的作用。",
    ),
    "grad.why_lstm": (
        "An LSTM updates its cell state additively: cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ. Along c the step "
        "Jacobian is just diag(fₜ): no W_hh and no tanh' in between, and with f near 1 it is close to "
        "the identity. Here the forget gates average {f_mean}, and the product of forget gates from "
        "t = {T} back to t = 0 averages {prod}: that is the factor the direct path c_T ← c_0 applies "
        "to the gradient (checked against autograd below). Forget bias 1 pushes f towards σ(1) ≈ 0.73 "
        "and the product up; the gates are learned, so training can hold f near 1 for as long as a "
        "memory is needed. A GRU has the same kind of path: hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁ passes "
        "zₜ ⊙ hₜ₋₁ straight through, with z in the role of f.",
        "LSTM 以加法方式更新细胞状态：cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ。沿着 c，单步 Jacobian 矩阵就是 "
        "diag(fₜ)：中间没有 W_hh，也没有 tanh'，f 接近 1 时它就接近单位矩阵。本例中遗忘门的平均值为 "
        "{f_mean}，从 t = {T} 回到 t = 0 的遗忘门连乘积平均为 {prod}：这就是直接通路 c_T ← c_0 作用在"
        "梯度上的系数（下面与 autograd 对照）。遗忘门偏置设为 1 会把 f 推向 σ(1) ≈ 0.73，连乘积也随之"
        "变大；门是学出来的，所以训练可以让 f 在需要记忆的时间里一直接近 1。GRU 也有同样的通路："
        "hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁ 把 zₜ ⊙ hₜ₋₁ 直接传下去，z 扮演的正是 f 的角色。",
    ),
    "grad.why_explode": (
        "Exploding looks like the mirror image: when the step Jacobians enlarge vectors (a large "
        "weight_hh, relu whose slope is 1 wherever it is active) the curve rises towards t = 0 by a "
        "roughly constant factor per step. In training the loss suddenly jumps, the weights turn into "
        "inf or nan, and clip_grad_norm_ is the usual guard. Try weight_hh × 3 with the relu RNN.",
        "梯度爆炸是镜像的样子：当单步 Jacobian 矩阵会放大向量时（weight_hh 很大，或 relu 在激活处斜率为 1），"
        "曲线朝 t = 0 方向以大致固定的倍数逐步上升。训练中表现为损失突然跳高、权重变成 inf 或 nan，"
        "通常用 clip_grad_norm_ 来防护。试试 weight_hh × 3 配 relu 的 RNN。",
    ),
    "grad.clip_title": ("Gradient clipping: clip_grad_norm_", "梯度裁剪：clip_grad_norm_"),
    "grad.clip_code": (
        "After ℓ.backward() on your nn.{mode}, its parameters' gradients were clipped as in a training loop:",
        "在你的 nn.{mode} 上调用 ℓ.backward() 之后，像训练循环里那样裁剪它的参数梯度：",
    ),
    "grad.clip_clipped": (
        "It returned {before}, the total norm of every parameter's gradient before clipping, above "
        "max_norm = {max_norm}: every gradient was multiplied by {coef}, and the total norm is now "
        "{after} (torch.nn.utils.get_total_norm).",
        "它返回 {before}，即裁剪前所有参数梯度的总范数，超过了 max_norm = {max_norm}：每个梯度都乘上了 "
        "{coef}，现在总范数为 {after}（torch.nn.utils.get_total_norm）。",
    ),
    "grad.clip_kept": (
        "It returned {before}, the total norm of every parameter's gradient before clipping, within "
        "max_norm = {max_norm}: nothing changed ({after} afterwards, torch.nn.utils.get_total_norm).",
        "它返回 {before}，即裁剪前所有参数梯度的总范数，没有超过 max_norm = {max_norm}：梯度没有变化"
        "（之后仍为 {after}，torch.nn.utils.get_total_norm）。",
    ),
    "grad.clip_note": (
        "Clipping multiplies every gradient by one common factor: it caps the size of one update and "
        "stops an exploding step from wrecking the weights, but it does not change how the gradient is "
        "spread over the timesteps, so it cannot bring back a vanished one.",
        "裁剪把每个梯度乘上同一个系数：它限制一次更新的大小，防止一次爆炸的梯度毁掉权重，但不改变梯度在"
        "各时间步上的分布，所以救不回已经消失的梯度。",
    ),
    "grad.check_title": ("The manual check: the same gradients by hand", "手算验证：用手算出同样的梯度"),
    "grad.check_purpose": (
        "One-layer modules with your input_size, hidden_size and input, in float64. For the RNN, "
        "∂(Σ h_T)/∂x_t is written out as the product of step Jacobians diag(a_k) W_hh (a_k = 1 − h_k² "
        "for tanh, the mask 1[h_k > 0] for relu) on states computed by hand, and held against x.grad "
        "from the real nn.RNN's backward().",
        "用你的 input_size、hidden_size 和输入构建单层模块，以 float64 计算。对 RNN，把 ∂(Σ h_T)/∂x_t "
        "写成单步 Jacobian 矩阵diag(a_k) W_hh 的连乘（tanh 时 a_k = 1 − h_k²，relu 时为掩码 1[h_k > 0]），"
        "所用状态也是手算的，再与真实 nn.RNN 调用 backward() 得到的 x.grad 对照。",
    ),
    "grad.check_ok": (
        "{name}: the hand-written product equals autograd: largest |Δ| = {diff} (tolerance {tol}).",
        "{name}：手写的连乘与 autograd 一致：最大 |Δ| = {diff}（容差 {tol}）。",
    ),
    "grad.check_bad": (
        "{name}: the hand-written product differs from autograd: largest |Δ| = {diff}, above the "
        "tolerance {tol}.",
        "{name}：手写的连乘与 autograd 不一致：最大 |Δ| = {diff}，超过容差 {tol}。",
    ),
    "grad.check_lstm": (
        "For the LSTM, the direct cell-state path only: the product of forget gates Π f_k (gates "
        "computed by hand) against autograd's ∂(Σ c_T)/∂c_t through a real nn.LSTMCell loop holding "
        "the layer's weights, where h is detached before each step so that the gates cannot pass "
        "gradient back through h. The full gradient also flows through h and the gates; this check "
        "isolates the additive path.",
        "对 LSTM，只看直接的细胞状态通路：遗忘门的连乘积 Π f_k（门是手算的），对照 autograd 在真实 "
        "nn.LSTMCell 循环（装有该层的权重）中得到的 ∂(Σ c_T)/∂c_t；循环在每一步之前把 h detach，"
        "使门无法经由 h 传回梯度。完整的梯度还会经过 h 和各个门；这个验证只单独检查加法通路。",
    ),
    "grad.check_name.rnn_tanh": ("RNN (tanh)", "RNN（tanh）"),
    "grad.check_name.rnn_relu": ("RNN (relu)", "RNN（relu）"),
    "grad.check_name.lstm_cell_path": ("LSTM cell-state path", "LSTM 细胞状态通路"),
    "grad.by_hand": ("by hand", "手算"),
    "grad.autograd": ("autograd", "autograd"),
    "grad.axis_check": ("‖gradient at t‖ (log scale)", "‖t 处的梯度‖（对数坐标）"),
    "grad.check_figure": (
        "Lines: the hand-written gradients; circles: autograd's, at every timestep.",
        "线：手写的梯度；圆圈：autograd 的梯度，每个时间步都有。",
    ),
    "grad.check_table": (
        "‖autograd's gradient‖ at every checked timestep (sampled when the sequence is long)",
        "每个被验证时间步上 autograd 梯度的范数 ‖·‖（序列较长时抽样显示）",
    ),
    "grad.tolerance": (
        "Tolerance: {why} Here it is scaled by the largest |gradient| (at least 1). Against each "
        "timestep's own size, the largest relative differences are: {relative} (a gradient that has "
        "shrunk to 1e-100 carries the rounding of every step it came through).",
        "容差：{why}这里再乘以最大的 |梯度|（至少为 1）。若与每个时间步自身的大小相比，最大相对差为：{relative}"
        "（缩小到 1e-100 的梯度带着它所经过每一步的舍入误差）。",
    ),
    "grad.source": (
        "The hand-written gradients as they ran (inspect.getsource from explainer/gradients.py):",
        "实际运行的手写梯度代码（由 inspect.getsource 从 explainer/gradients.py 读出）：",
    ),
    "rule.grad_too_many_params": (
        "comparing with nn.LSTM and nn.GRU at these sizes needs a module of {count} parameters (an LSTM "
        "holds four times the weights of an RNN of the same sizes), above this app's limit of {limit}; "
        "lower hidden_size, num_layers or input_size",
        "要在这些大小下与 nn.LSTM、nn.GRU 比较，需要一个有 {count} 个参数的模块（同样大小的 LSTM 的权重是 "
        "RNN 的四倍），超过本应用的上限 {limit}；请减小 hidden_size、num_layers 或 input_size",
    ),
    "rule.over_budget_gradients": (
        "forward and backward through this setting (five modules and three checks, in float64) would "
        "take about {seconds} s of this shared {device} ({gflops} GFLOP, {mb} MB); one interaction may "
        "take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "对该设置做前向和反向（五个模块加三项验证，float64）约需这台共享 {device} 的 {seconds} 秒"
        "（{gflops} GFLOP、{mb} MB）；每次交互最多 {max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    # --- quiz ---------------------------------------------------------------------------
    "nav.quiz": ("Predict the shape", "猜形状"),
    "quiz.title": ("Predict the shape", "猜形状"),
    "quiz.purpose": (
        "Ten questions from random modules. Type a shape the way you like: (2, 5, 20), 2,5,20 or "
        "[2 5 20]. Share the link and the whole class gets the same questions.",
        "从随机模块出的十道题。形状随便怎么写都行：(2, 5, 20)、2,5,20 或 [2 5 20]。分享链接，全班拿到同样的题目。",
    ),
    "quiz.level": ("Level", "难度"),
    "quiz.level.1": ("1 · one layer", "1 · 单层"),
    "quiz.level.2": ("2 · stacks, both directions", "2 · 多层与双向"),
    "quiz.level.3": ("3 · proj_size and unbatched", "3 · proj_size 与不带批量维的输入"),
    "quiz.seed": ("Question set", "题目组"),
    "quiz.q": ("Question {n} of {total}", "第 {n} 题（共 {total} 题）"),
    "quiz.given": ("Given", "已知"),
    "quiz.ask.output": ("What is the shape of `output`?", "`output` 的形状是什么？"),
    "quiz.ask.h_n": ("What is the shape of `h_n`?", "`h_n` 的形状是什么？"),
    "quiz.ask.c_n": ("What is the shape of `c_n`?", "`c_n` 的形状是什么？"),
    "quiz.ask.parameter": ("What is the shape of `{name}`?", "`{name}` 的形状是什么？"),
    "quiz.ask.count": ("How many parameters does the module have?", "该模块一共有多少个参数？"),
    "quiz.ask.raises": ("Will this call raise an error? (yes / no)", "这次调用会报错吗？（会 / 不会）"),
    "quiz.answer": ("Your answer", "你的答案"),
    "quiz.check": ("Check", "检查"),
    "quiz.correct": ("Right: {answer}.", "答对了：{answer}。"),
    "quiz.wrong": ("Not quite. The answer is {answer}.", "不太对。答案是 {answer}。"),
    "quiz.hint.shape": (
        "Write a shape, e.g. (2, 5, 20), 2,5,20 or [2 5 20].",
        "请写一个形状，例如 (2, 5, 20)、2,5,20 或 [2 5 20]。",
    ),
    "quiz.hint.count": ("Write a whole number, e.g. 5,920.", "请写一个整数，例如 5,920。"),
    "quiz.hint.raises": ("Answer yes or no.", "请回答“会”或“不会”。"),
    "quiz.rule": ("Why", "原因"),
    "quiz.score": (
        "Score: {right} right of {answered} answered",
        "得分：已答 {answered} 题，答对 {right} 题",
    ),
    "quiz.prev": ("← Previous", "← 上一题"),
    "quiz.next": ("Next →", "下一题 →"),
    "quiz.explore": ("Open this module in the shapes explorer", "在形状浏览器中打开这个模块"),
    "quiz.rule_count": (
        "Per layer and direction: G·H_cell·(H_in + H_out + 2) + P·H_cell, where G = {G} gate blocks, "
        "H_cell = {H_cell}, H_in is the layer's input size ({H_in} for layer 0, D·H_out above it), "
        "H_out = {H_out}, the 2 counts b_ih and b_hh (none with bias=False) and P·H_cell is weight_hr "
        "(only with proj_size = P). Times D = {D}, summed over the {num_layers} layer(s): {terms} = {count}.",
        "每层每个方向的参数个数：G·H_cell·(H_in + H_out + 2) + P·H_cell。其中 G = {G} 是门的块数，H_cell = {H_cell}，"
        "H_in 是这一层的输入大小（第 0 层为 {H_in}，往上各层为 D·H_out），H_out = {H_out}，2 对应 b_ih 和 b_hh"
        "（bias=False 时没有），P·H_cell 是 weight_hr（只在设置 proj_size = P 时才有）。再乘以 D = {D}，"
        "对 {num_layers} 层求和：{terms} = {count}。",
    ),
    "quiz.rule_raises": ("torch says: {error}.", "torch 的报错：{error}。"),
    "quiz.yes": ("yes, it raises", "会报错"),
    "quiz.first.right": ("right", "答对了"),
    "quiz.first.wrong": ("wrong", "答错了"),
    "quiz.practice": (
        "This try is practice and not scored: each question counts your first answer only, and you got it "
        "{first} the first time.",
        "这次作答是练习，不计分：每道题只按第一次作答计分，你第一次{first}。",
    ),
    "quiz.scored": (
        "Already scored: you got this one {first} the first time. Answer again to practise; the score stays.",
        "本题已计分：你第一次{first}。可以再答一次来练习，得分不会变。",
    ),
    "quiz.no": ("no, it runs", "不会报错"),
    # --- quiz: every lesson; the seed articles' last gaps (issue 14) ---------------------
    # Glossary for zh: 第 0 维（dim 0）/ 第 1 维（dim 1）for axes; 维度 / 大小 for a tensor's size;
    # 批量大小 (batch size); 有效时间步 (valid timesteps); GRU 的 n 是候选隐藏状态.
    "quiz.ask.slice": (
        "Is `h_n[-1]` equal to `{name}`? (yes / no)",
        "`h_n[-1]` 与 `{name}` 相等吗？（是 / 否）",
    ),
    "quiz.ask.shape_of": ("What is the shape of `{name}`?", "`{name}` 的形状是什么？"),
    "quiz.ask.value": (
        "What is `{name}`? Write its numbers, e.g. (3, 2, 1).",
        "`{name}` 是什么？请写出它的数值，例如 (3, 2, 1)。",
    ),
    "quiz.hint.equal": ("Answer yes (equal) or no.", "请回答“是”（相等）或“否”。"),
    "quiz.hint.numbers": ("Write numbers, e.g. (3, 2, 1).", "请写出一组数，例如 (3, 2, 1)。"),
    "quiz.equal": ("yes, they are equal", "是，相等"),
    "quiz.not_equal": ("no, they are not equal", "否，不相等"),
    "quiz.rule_runs": ("torch runs it.", "torch 可以正常运行。"),
    "quiz.rule_unbatched": (
        "Why torch's message has a 1 in the middle: for unbatched (2-D) input, torch first adds a batch axis "
        "of size 1 to x and to the states, then checks them. So the (D·num_layers, 1, H_out) = ({S}, 1, "
        "{H_out}) it expects is h_0 = {right} in your code.",
        "为什么 torch 的报错里中间多了一个 1：对不带批量维的（2 维）输入，torch 会先给 x 和状态都补上一个大小为 1 的批量维，"
        "再做检查。所以它期望的 (D·num_layers, 1, H_out) = ({S}, 1, {H_out})，对应到你的代码里就是 h_0 = {right}。",
    ),
    "quiz.rule_unbatched_c": (
        "Why torch's message has a 1 in the middle: for unbatched (2-D) input, torch first adds a batch axis "
        "of size 1 to x and to the states, then checks them. So the (D·num_layers, 1, H_cell) = ({S}, 1, "
        "{H_cell}) it expects is c_0 = {c_right} in your code.",
        "为什么 torch 的报错里中间多了一个 1：对不带批量维的（2 维）输入，torch 会先给 x 和状态都补上一个大小为 1 的批量维，"
        "再做检查。所以它期望的 (D·num_layers, 1, H_cell) = ({S}, 1, {H_cell})，对应到你的代码里就是 c_0 = {c_right}。",
    ),
    "quiz.rule_slice": (
        "h_n[-1] is the final state of the top layer's last direction ({direction}), which it reaches at "
        "t = {t}; in output that state is {right}.",
        "h_n[-1] 是最上面一层最后一个方向（{direction}）的最终状态，这个方向在 t = {t} 结束；它在 output 中的位置是 {right}。",
    ),
    "quiz.slice.same": (
        "{name} is exactly that slice, so torch.equal gives True.",
        "{name} 正是这一片，所以 torch.equal 返回 True。",
    ),
    "quiz.slice.sample": (
        "With batch_first=True output is (N, L, D·H_out): {name} is the last sample of the batch at every "
        "timestep, not the last timestep.",
        "batch_first=True 时 output 是 (N, L, D·H_out)：{name} 取的是批量中最后一个样本在每个时间步的状态，而不是最后一个时间步。",
    ),
    "quiz.slice.width": (
        "{name} holds both directions side by side, D·H_out = {width} columns; h_n[-1] is one direction, "
        "H_out = {H_out} wide. The forward half ends at t = L-1, the reverse half at t = 0.",
        "{name} 把两个方向并排放在一起，共 D·H_out = {width} 列；h_n[-1] 只是一个方向，大小为 H_out = {H_out}。"
        "正向部分在 t = L-1 结束，反向部分在 t = 0 结束。",
    ),
    "quiz.slice.other": (
        "{name} is another state (another timestep or direction), so torch.equal gives False.",
        "{name} 是另一个状态（别的时间步或方向），所以 torch.equal 返回 False。",
    ),
    # 'raises' questions: one reason per mistake, with the question's numbers
    "quiz.why.right": (
        "h_0 {passed} has one row per layer and direction (D·num_layers = {S}), the batch size when x has "
        "a batch axis, and H_out = {H_out} columns: exactly what the module expects.",
        "h_0 {passed} 的第 0 维（dim 0）每层每个方向各一行（D·num_layers = {S}），x 带批量维时接着是批量大小，"
        "最后一维是 H_out = {H_out}：正是模块需要的形状。",
    ),
    "quiz.why.layers": (
        "h_0 has one row per layer and direction: D·num_layers = {D}·{num_layers} = {S} rows, so h_0 must be "
        "{right}, not {passed}.",
        "h_0 的第 0 维（dim 0）每层每个方向各占一行：D·num_layers = {D}·{num_layers} = {S} 行，所以 h_0 必须是 "
        "{right}，而不是 {passed}。",
    ),
    "quiz.why.state_bf": (
        "batch_first applies to x and output only; the states stay (D·num_layers, N, H_out), so h_0 must be "
        "{right}, not the batch-first {passed}.",
        "batch_first 只作用于 x 和 output；状态仍是 (D·num_layers, N, H_out)，所以 h_0 必须是 {right}，"
        "而不是把批量放在前面的 {passed}。",
    ),
    "quiz.why.state_len": (
        "The middle axis of h_0 is the batch, N = {N}, not the sequence length L = {L}: h_0 must be {right}.",
        "h_0 的第 1 维（dim 1）是批量大小 N = {N}，不是序列长度 L = {L}：h_0 必须是 {right}。",
    ),
    "quiz.why.unbatched_3d": (
        "x is unbatched (2-D), so the states are 2-D too, (D·num_layers, H_out) = {right}: no batch axis "
        "of 1 added by hand.",
        "x 不带批量维（2 维），所以状态也是 2 维的 (D·num_layers, H_out) = {right}：不要自己补一个大小为 1 的批量维。",
    ),
    "quiz.why.proj": (
        "With proj_size, h is proj_size = {P} wide (only c stays hidden_size = {H} wide): h_0 must be {right}.",
        "设置 proj_size 后，h 的最后一维大小是 proj_size = {P}（只有 c 仍是 hidden_size = {H}）：h_0 必须是 {right}。",
    ),
    "quiz.why.c_right": (
        "h_0 is {right} and c_0 is {c_right}: D·num_layers = {S} rows each, h with H_out = {H_out} columns "
        "and c with H_cell = {H_cell}, as the module expects.",
        "h_0 是 {right}，c_0 是 {c_right}：第 0 维（dim 0）都是 D·num_layers = {S}，h 的最后一维是 H_out = {H_out}，"
        "c 的最后一维是 H_cell = {H_cell}，都和模块的要求一致。",
    ),
    "quiz.why.c_missing": (
        "nn.LSTM takes the tuple (h_0, c_0). Given one tensor, torch reads h_0[0] and h_0[1] as h and c, "
        "slices along dim 0 with the wrong shapes (or no second slice). Pass (h_0, c_0) with c_0 = {c_right}.",
        "nn.LSTM 的状态要传元组 (h_0, c_0)。只传一个张量时，torch 会把 h_0[0] 和 h_0[1] 当作 h 和 c，"
        "也就是沿第 0 维（dim 0）切出来的两片，形状不对（或者根本没有第二片）。请传 (h_0, c_0)，其中 c_0 = {c_right}。",
    ),
    "quiz.why.c_proj": (
        "c is H_cell = hidden_size = {H} wide even with proj_size; only h is proj_size = {P} wide. c_0 must "
        "be {c_right}.",
        "即使设置了 proj_size，c 的大小仍是 H_cell = hidden_size = {H}；只有 h 的大小是 proj_size = {P}。c_0 必须是 {c_right}。",
    ),
    "quiz.why.c_bf": (
        "batch_first does not apply to c_0 either: it must be {c_right}.",
        "batch_first 对 c_0 同样不起作用：c_0 必须是 {c_right}。",
    ),
    "quiz.why.x_right": (
        "x is {passed}, the layout the module expects, with input_size = {H_in} features last.",
        "x 是 {passed}，正是模块期望的排列，最后一维是 input_size = {H_in} 个特征。",
    ),
    "quiz.why.x_features": (
        "The last axis of x must be input_size = {H_in}; x {passed} has hidden_size = {H} there. input_size "
        "is the size of each x_t, hidden_size the size of h.",
        "x 的最后一维必须是 input_size = {H_in}；而 x {passed} 的最后一维是 hidden_size = {H}。input_size 是每个 x_t "
        "的大小，hidden_size 是 h 的大小。",
    ),
    "quiz.why.x_swapped": (
        "That is the trap: torch checks only the feature axis. x {passed} has time and batch "
        "swapped (the module expects {right}), so it reads {passed} as if the axes were in its own order and "
        "mixes the samples across time, silently.",
        "这正是陷阱：torch 只检查特征那一维。x {passed} 把时间和批量两维弄反了（模块期望的是 {right}），"
        "torch 仍按自己的顺序读取，于是把不同样本当成了不同时间步，不会有任何报错。",
    ),
    "quiz.why.ctor_right": (
        "Every argument is one the constructor accepts, with a valid value.",
        "每个参数都是构造函数接受的，取值也都合法。",
    ),
    "quiz.why.ctor_sigmoid": (
        "nn.RNN's nonlinearity is 'tanh' or 'relu', nothing else.",
        "nn.RNN 的 nonlinearity 只能是 'tanh' 或 'relu'。",
    ),
    "quiz.why.ctor_nonlinearity": (
        "Only nn.RNN has a nonlinearity argument; nn.{mode}'s gates always use sigmoid and tanh, so torch "
        "does not know the argument.",
        "只有 nn.RNN 有 nonlinearity 参数；nn.{mode} 的门固定使用 sigmoid 和 tanh，所以 torch 不认识这个参数。",
    ),
    "quiz.why.ctor_dropout_range": (
        "dropout is the probability of zeroing an element, a number from 0 to 1.",
        "dropout 是把元素置零的概率，必须是 0 到 1 之间的数。",
    ),
    "quiz.why.ctor_dropout_one_layer": (
        "dropout acts between stacked layers, on every layer's output but the last; with num_layers = 1 "
        "there is nowhere to apply it, so torch only warns: {warning}",
        "dropout 作用在堆叠的层与层之间，即除最后一层外每层的输出上；num_layers = 1 时无处可用，所以 torch 只给出警告：{warning}",
    ),
    "quiz.why.ctor_proj": (
        "proj_size must be smaller than hidden_size = {H}: it projects h down to a smaller size.",
        "proj_size 必须小于 hidden_size = {H}：它的作用是把 h 投影到更小的维度。",
    ),
    "quiz.why.pack_sorted": (
        "The lengths {lengths} are in decreasing order, as pack_padded_sequence requires by default "
        "(enforce_sorted=True).",
        "长度 {lengths} 是从大到小排列的，符合 pack_padded_sequence 的默认要求（enforce_sorted=True）。",
    ),
    "quiz.why.pack_unsorted": (
        "The lengths {lengths} are not in decreasing order, and by default (enforce_sorted=True) torch "
        "refuses them. Sort the batch by length, or pass enforce_sorted=False: torch then sorts it itself "
        "and gives output and h_n back in your order.",
        "长度 {lengths} 不是从大到小排列的，而默认 enforce_sorted=True 时 torch 会拒绝。请按长度给批量排序，"
        "或者传 enforce_sorted=False：torch 会自己排序，并按你原来的顺序返回 output 和 h_n。",
    ),
    "quiz.why.cell_right": (
        "x[0] is one timestep, {step}: exactly what a cell takes. Without a state the cell starts from zeros.",
        "x[0] 是一个时间步，形状 {step}：正是单元（cell）需要的输入。不传状态时从全零开始。",
    ),
    "quiz.why.cell_sequence": (
        "A cell computes one step of one layer: it takes (N, input_size) = {step}, not the whole sequence "
        "x {x}. Loop over time and call the cell on x[t].",
        "单元（cell）只计算一层的一步：它接受 (N, input_size) = {step}，而不是整个序列 x {x}。请按时间循环，对 x[t] 调用单元。",
    ),
    "quiz.why.cell_time_as_batch": (
        "But silently wrong: x {x} is 2-D, so the cell reads it as a batch of {L} samples, one step "
        "each, all from the same zero state. Loop over time and call the cell on x[t].",
        "但结果悄悄出错了：x {x} 是 2 维的，单元会把它当成 {L} 个样本的一批、每个样本只走一步，全都从零状态开始。"
        "请按时间循环，对 x[t] 调用单元。",
    ),
    "quiz.why.cell_layer_axis": (
        "A cell's state has no layer axis: h must be {state}, not (1, …) like nn.{mode}'s h_0.",
        "单元的状态没有层这一维：h 必须是 {state}，不能像 nn.{mode} 的 h_0 那样写成 (1, …)。",
    ),
    "quiz.why.emb_right": (
        "emb(ids) is {ids} plus a last axis of embedding_dim = {E}, and the module reads input_size = {E}.",
        "emb(ids) 的形状是 {ids} 再加上最后一维 embedding_dim = {E}，而模块的 input_size = {E}，正好对上。",
    ),
    "quiz.why.emb_vocab": (
        "input_size is the size of each vector x_t: here embedding_dim = {E}, not the vocabulary size {V}. "
        "input_size = vocabulary size is for one-hot input.",
        "input_size 是每个向量 x_t 的大小：这里是 embedding_dim = {E}，而不是词表大小 {V}。"
        "只有输入是 one-hot 向量时，input_size 才等于词表大小。",
    ),
    "quiz.why.onehot_right": (
        "A one-hot vector has one entry per token, num_classes = {V}, and the module reads input_size = {V}.",
        "one-hot 向量每个词占一维，共 num_classes = {V} 维，而模块的 input_size = {V}，正好对上。",
    ),
    "quiz.why.onehot_vocab": (
        "One-hot vectors have num_classes = {V} entries, so input_size must be the vocabulary size {V}, "
        "not {E}.",
        "one-hot 向量有 num_classes = {V} 维，所以 input_size 必须等于词表大小 {V}，而不是 {E}。",
    ),
    # shape questions on packing, Cells and Embedding
    "quiz.why.packed.packed.data": (
        "packed.data keeps only the valid timesteps, one row each: {sum} = {total} rows of H_in = {H_in} "
        "features, so {answer}. The padding is gone.",
        "packed.data 只保留有效时间步，每步一行：{sum} = {total} 行，每行 H_in = {H_in} 个特征，所以是 {answer}。填充部分没有了。",
    ),
    "quiz.why.packed.packed.batch_sizes": (
        "For each timestep, how many sequences are still running: the lengths {lengths} give {answer}, "
        "which add up to {total}, the rows of packed.data.",
        "每个时间步上还有多少条序列没结束：长度 {lengths} 得到 {answer}，加起来是 {total}，正是 packed.data 的行数。",
    ),
    "quiz.why.packed.out": (
        "pad_packed_sequence pads back only to the longest length, max(lengths) = {longest}, not to "
        "L = {L}; the width is D·H_out = {width}: {answer}.",
        "pad_packed_sequence 只填充回最长的长度 max(lengths) = {longest}，而不是 L = {L}；最后一维是 D·H_out = {width}："
        "{answer}。",
    ),
    "quiz.why.packed.out_full": (
        "pad_packed_sequence pads back to the longest length, max(lengths) = {longest}, which here is L; "
        "the width is D·H_out = {width}: {answer}.",
        "pad_packed_sequence 填充回最长的长度 max(lengths) = {longest}，这里正好等于 L；最后一维是 D·H_out = {width}：{answer}。",
    ),
    "quiz.why.packed.h_n": (
        "The same shape as without packing, (D·num_layers, N, H_out) = {answer}; each sequence's row holds "
        "the state at its own last valid timestep, not at the padding.",
        "和不打包时形状相同，(D·num_layers, N, H_out) = {answer}；每条序列对应的那一行是它自己最后一个有效时间步的状态，而不是填充处的状态。",
    ),
    "quiz.why.cell.h": (
        "A cell is one step of one layer: no time axis and no layer axis. Fed x[0] of shape {step}, it "
        "returns h of shape {state}.",
        "单元（cell）只算一层的一步：没有时间维，也没有层维。输入形状为 {step} 的 x[0]，返回的 h 形状为 {state}。",
    ),
    "quiz.why.cell.c": (
        "A cell is one step of one layer: no time axis and no layer axis. LSTMCell returns h and c, both "
        "{state}.",
        "单元（cell）只算一层的一步：没有时间维，也没有层维。LSTMCell 返回 h 和 c，形状都是 {state}。",
    ),
    "quiz.why.cell.cell.weight_ih": (
        "(G·hidden_size, input_size) = ({G}·{H}, {H_in}) = {answer}: like the layer's weight_ih_l0, without "
        "the _l0, since a cell is one layer.",
        "(G·hidden_size, input_size) = ({G}·{H}, {H_in}) = {answer}：和整层的 weight_ih_l0 一样，只是没有 _l0 后缀，因为单元就是一层。",
    ),
    "quiz.why.cell.cell.weight_hh": (
        "(G·hidden_size, hidden_size) = ({G}·{H}, {H}) = {answer}: like the layer's weight_hh_l0, without "
        "the _l0, since a cell is one layer.",
        "(G·hidden_size, hidden_size) = ({G}·{H}, {H}) = {answer}：和整层的 weight_hh_l0 一样，只是没有 _l0 后缀，因为单元就是一层。",
    ),
    "quiz.why.embedding.x": (
        "An Embedding replaces each id by its row of emb.weight: the ids' shape {ids} gains a last axis of "
        "embedding_dim = {E}, so {answer}.",
        "Embedding 把每个 id 换成 emb.weight 中对应的那一行：在 ids 的形状 {ids} 后面加上一维 embedding_dim = {E}，所以是 {answer}。",
    ),
    "quiz.why.embedding.x_onehot": (
        "F.one_hot adds a last axis of num_classes = {V} to the ids' shape {ids}, so {answer}; that is why "
        "input_size = vocabulary size for one-hot input.",
        "F.one_hot 在 ids 的形状 {ids} 后面加上一维 num_classes = {V}，所以是 {answer}；这就是 one-hot 输入时 "
        "input_size 等于词表大小的原因。",
    ),
    "quiz.why.embedding.emb.weight": (
        "One row per token id: (num_embeddings, embedding_dim) = ({V}, {E}). It starts from N(0, 1), not "
        "from the U(−1/√H, 1/√H) of the recurrent weights.",
        "每个词 id 一行：(num_embeddings, embedding_dim) = ({V}, {E})。它的初始值来自 N(0, 1)，而不是循环层权重的 "
        "U(−1/√H, 1/√H)。",
    ),
    # the seed articles' last gaps: one-hot, view, Embedding, the hand-built char RNN
    "seed.equal": ("equal", "相等"),
    "seed.differ": ("differ", "不相等"),
    "seed.col.left": ("Left", "左边"),
    "seed.col.right": ("Right", "右边"),
    "seed.col.diff": ("max |difference|", "最大差的绝对值"),
    "seed.col.verdict": ("Verdict", "结论"),
    "seed.col.what": ("Comparison", "比较内容"),
    "seed.output_hidden": (
        "`output` is the hidden states: h_t of the top layer at every step, D·H_out = {width} wide. "
        "nn.{mode} has no output layer; for a score per class, put an nn.Linear({width}, number of "
        "classes) on `output` (or on the final state).",
        "`output` 就是隐藏状态：最上面一层每个时间步的 h_t，最后一维大小为 D·H_out = {width}。nn.{mode} 本身没有输出层；"
        "要得到每个类别的分数，需要在 `output`（或最终状态）后面接一个 nn.Linear({width}, 类别数)。",
    ),
    "seed.articles": (
        "From the articles: one-hot input, and output.view / h_n.view",
        "文章里讲到的：one-hot 输入，以及 output.view / h_n.view",
    ),
    "seed.one_hot": (
        "**One-hot input.** With x = F.one_hot(ids, {V}).float(), each x_t has one entry per token, so "
        "input_size is the vocabulary size, V = {V}. Real run: x {x_shape} gives output {output_shape}, "
        "the hidden states; nn.Linear({width}, {V}) on it gives {head_shape}, a score per token. A one-hot "
        "x_t times W_ih_l0ᵀ just picks one row of W_ih_l0ᵀ, which is what an Embedding does: `{left}` vs "
        "`{right}`, max difference {diff} ({verdict}).",
        "**one-hot 输入。** 用 x = F.one_hot(ids, {V}).float() 时，每个 x_t 每个词占一维，所以 input_size 就是词表大小 "
        "V = {V}。实际运行：x {x_shape} 得到 output {output_shape}，也就是隐藏状态；再接 nn.Linear({width}, {V}) 得到 "
        "{head_shape}，即每个词一个分数。one-hot 的 x_t 乘以 W_ih_l0ᵀ 只是取出 W_ih_l0ᵀ 的某一行，这正是 Embedding "
        "做的事：`{left}` 与 `{right}` 的最大差为 {diff}（{verdict}）。",
    ),
    "seed.views": (
        "**Splitting the directions and layers.** The nn.RNN docstring (quoted in the articles) splits "
        "output with `{ov}` (on dim {dim}, index 0 is forward and 1 is reverse) and h_n with `{hv}`. "
        "Measured on the real module, with a short input of L = {L} steps:",
        "**拆分方向和层。** nn.RNN 的文档（文章中有引用）用 `{ov}` 拆分 output（第 {dim} 维（dim {dim}）上，下标 0 是正向，"
        "1 是反向），用 `{hv}` 拆分 h_n。在真实模块上用一段 L = {L} 步的短输入测得：",
    ),
    "seed.views_reverse": (
        "The last row differs: the reverse direction reaches its final state at t = 0; at t = L-1 it has "
        "read one step only.",
        "最后一行不相等：反向在 t = 0 才到达最终状态；在 t = L-1 时它只读了一步。",
    ),
    "seed.emb.title": ("nn.Embedding with padding_idx, packed", "带 padding_idx 的 nn.Embedding，再打包"),
    "seed.emb.setup": (
        "Token ids (vocabulary {V}, id 0 = padding after each sequence's length) go through "
        "nn.Embedding({V}, {E}, padding_idx=0), are packed with these lengths, and run through the real "
        "module (float64, torch's own init). Measured:",
        "词 id（词表大小 {V}，每条序列有效长度之后用 id 0 填充）先经过 nn.Embedding({V}, {E}, padding_idx=0)，"
        "再按这些长度打包，送入真实模块（float64，torch 自己的初始化）。测得：",
    ),
    "seed.emb.pad_row": (
        "emb.weight[0], the padding row, is zero at construction: max |·| = {pad_row}; so every padded "
        "position of emb(ids) is zero too: max |·| = {pad_output}.",
        "填充行 emb.weight[0] 在构建时就是零：最大绝对值 = {pad_row}；所以 emb(ids) 在所有填充位置上也是零：最大绝对值 = {pad_output}。",
    ),
    "seed.emb.grad": (
        "After a backward from h_n, the padding row's gradient is {pad_grad} (it never learns), the other "
        "rows' up to {other_grad}.",
        "从 h_n 反向传播后，填充行的梯度为 {pad_grad}（它永远不会被更新），其他行的梯度最大为 {other_grad}。",
    ),
    "seed.emb.packed": (
        "h_n of the packed batch vs each sequence run alone without padding: max difference "
        "{packed_vs_alone}. Packing makes the padding invisible to the module.",
        "打包后整批的 h_n 与每条序列单独（不填充）运行的结果相比：最大差为 {packed_vs_alone}。打包之后，模块完全看不到填充。",
    ),
    "seed.emb.init": (
        "Different inits: nn.Embedding({rows}, {dim}) starts from N(0, 1) (measured mean {mean}, std "
        "{std}); the recurrent weights start from U(−1/√H, 1/√H) with 1/√{H} = {bound} (measured max |w| "
        "{max}, std {rnn_std} vs {uniform_std} = bound/√3 for a uniform distribution).",
        "两者的初始化不同：nn.Embedding({rows}, {dim}) 来自 N(0, 1)（测得均值 {mean}，标准差 {std}）；循环层的权重来自 "
        "U(−1/√H, 1/√H)，其中 1/√{H} = {bound}（测得最大 |w| 为 {max}，标准差 {rnn_std}，均匀分布的理论值为 bound/√3 = "
        "{uniform_std}）。",
    ),
    "seed.char.title": (
        "The article's hand-built RNN (i2h, i2o) vs nn.RNNCell",
        "文章中手写的 RNN（i2h、i2o）与 nn.RNNCell 的对比",
    ),
    "seed.char.intro": (
        "The char-RNN article builds its model from two Linears on cat(x_t, h): the code below, run on "
        "one-hot characters of the text (V = {V}, hidden size {H}, {T} steps, float64). Its i2h is "
        "nn.RNNCell's two weights side by side: i2h.weight[:, :{V}] is weight_ih ({H}, {V}), "
        "i2h.weight[:, {V}:] is weight_hh ({H}, {H}), i2h.bias is bias_ih with bias_hh = 0 (a cell adds "
        "two biases; only their sum matters). But it applies no tanh, and its i2o reads x_t and the "
        "previous h, not the new one:",
        "这篇字符级 RNN 文章用两个作用在 cat(x_t, h) 上的 Linear 搭出模型：即下面的代码，在文本的 one-hot 字符上运行"
        "（V = {V}，隐藏层大小 {H}，共 {T} 步，float64）。它的 i2h 就是 nn.RNNCell 的两个权重并排放在一起："
        "i2h.weight[:, :{V}] 是 weight_ih ({H}, {V})，i2h.weight[:, {V}:] 是 weight_hh ({H}, {H})，i2h.bias 是 "
        "bias_ih，bias_hh = 0（单元有两个偏置，只有它们的和起作用）。但它没有 tanh，而且它的 i2o 读的是 x_t 和上一步的 h，"
        "而不是新的 h：",
    ),
    "seed.char.step": (
        "one step: tanh(i2h(cat(x_0, h_0))) vs nn.RNNCell(x_0, h_0) with those weights",
        "一步：tanh(i2h(cat(x_0, h_0))) 与装入这些权重的 nn.RNNCell(x_0, h_0)",
    ),
    "seed.char.no_tanh": (
        "the article's hidden states (no tanh) vs nn.RNNCell's, over the text",
        "整段文本上：文章的隐藏状态（没有 tanh）与 nn.RNNCell 的隐藏状态",
    ),
    "seed.char.sequence": (
        "the article's loop with tanh added vs nn.RNN holding the same weights",
        "加上 tanh 后文章的循环与装入相同权重的 nn.RNN",
    ),
    "seed.char.split": (
        "i2o's scores vs LogSoftmax(W_o[:, :V] x_t + W_o[:, V:] h_(t-1) + b_o)",
        "i2o 的分数与 LogSoftmax(W_o[:, :V] x_t + W_o[:, V:] h_(t-1) + b_o)",
    ),
    "seed.char.head": (
        "i2o's scores vs a Linear head on the new h_t (i2o's hidden columns)",
        "i2o 的分数与作用在新的 h_t 上的 Linear 输出层（取 i2o 中对应隐藏状态的列）",
    ),
    "seed.char.loss": (
        "LogSoftmax + NLLLoss vs CrossEntropyLoss on the raw scores",
        "LogSoftmax + NLLLoss 与直接作用在原始分数上的 CrossEntropyLoss",
    ),
    "seed.char.index_error": (
        "The article's train() passes a character's index, input_tensor[i], where i2h needs a one-hot row "
        "(1, V); torch says: {error}.",
        "文章的 train() 传入的是字符的下标 input_tensor[i]，而 i2h 需要的是形状为 (1, V) 的 one-hot 行；torch 的报错：{error}。",
    ),
    "seed.char.ours": (
        "This page's demo is the form torch provides: nn.Embedding → nn.RNN (with tanh) → nn.Linear on "
        "each h_t, trained with CrossEntropyLoss.",
        "本页的演示用的是 torch 现成的写法：nn.Embedding → nn.RNN（带 tanh）→ 作用在每个 h_t 上的 nn.Linear，用 "
        "CrossEntropyLoss 训练。",
    ),
    # --- packed sequences --------------------------------------------------------------
    "rule.lengths": (
        "must be 1 to {n} whole numbers from 1 to {hi}, e.g. 5, 3, 2",
        "必须是 1 到 {n} 个 1 到 {hi} 之间的整数，例如 5, 3, 2",
    ),
    "nav.packed": ("Packed sequences", "打包序列"),
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
    # --- presentation and exports -------------------------------------------------------
    "side.present": ("Presentation mode (projector)", "演示模式（投影）"),
    "present.exit": ("Exit presentation mode", "退出演示模式"),
    "exp.title": ("Export", "导出"),
    "exp.snippet": ("Python script for these settings", "当前设置的 Python 脚本"),
    "exp.html": ("{name}: interactive HTML", "{name}：可交互 HTML"),
    "exp.png": ("{name}: PNG", "{name}：PNG"),
    "exp.no_png": (
        "PNG export needs kaleido and Chromium on the server, and this server has none; use HTML, or the camera "
        "icon in each chart's toolbar (your browser draws the PNG).",
        "导出 PNG 需要服务器上有 kaleido 和 Chromium，而这台服务器没有；请导出 HTML，或点击图表工具栏中的相机图标（由浏览器生成 PNG）。",
    ),
    "exp.png_note": (
        "The server's PNG renderer is still starting (a few seconds); after that a PNG takes under a second.",
        "服务器上的 PNG 渲染器正在启动（需要几秒钟）；启动后每张 PNG 不到一秒。",
    ),
    "exp.png_cold": (
        "The first PNG starts a renderer on the server (a few seconds); later ones take under a second.",
        "第一次导出 PNG 会在服务器上启动渲染器（需要几秒钟），之后每次不到一秒。",
    ),
    "exp.png_ready": (
        "PNG files are drawn on the server, each in under a second.",
        "PNG 由服务器绘制，每张不到一秒。",
    ),
    "exp.quiz_script": (
        "Python script for this question (run it to check your answer)",
        "本题的 Python 脚本（运行它来核对答案）",
    ),
    "exp.packed_script": (
        "Python script: this padded batch, pack_padded_sequence and the proof",
        "Python 脚本：这批补齐数据、pack_padded_sequence 以及上面的证明",
    ),
    "exp.packed_npz": (
        "All numbers (.npz): lengths, .data, batch_sizes, indices, h_n, outputs",
        "全部数值（.npz）：长度、.data、batch_sizes、索引、h_n 和输出",
    ),
    "exp.packed_rows": (
        "Rows of .data: time step and sequence (CSV)",
        ".data 的各行：时间步与所属序列（CSV）",
    ),
    "exp.packed_sequences": (
        "Per sequence: length, sorted/unsorted indices, h_n vs output at the last step (CSV)",
        "每条序列：长度、sorted/unsorted 索引、h_n 与最后一步 output 的差（CSV）",
    ),
    "exp.train_script": (
        "Python script that trains this model (same init, data and optimiser)",
        "训练这个模型的 Python 脚本（相同的初始化、数据和优化器）",
    ),
    "exp.losses_csv": ("Loss at every step (CSV)", "每一步的损失（CSV）"),
    "exp.npz": ("All traced numbers (.npz)", "全部跟踪数值（.npz）"),
    "exp.csv": ("{q} as a table (CSV)", "{q} 的表格（CSV）"),
    # --- phones, projectors and assistive tech (the frame) ---------------------------------
    "phone.settings": ("Settings · {module}", "设置 · {module}"),
    "phone.settings_plain": ("Settings · language", "设置 · 语言"),
    "phone.none": (
        "This page brings its own modules; the module settings stay as they are for the other pages.",
        "本页使用自己的模块；模块设置保持不变，留给其他页面使用。",
    ),
    "share.title": ("Share with students", "分享给学生"),
    "share.how": (
        "Students scan the code or open the link: the same settings, in the normal view "
        "(never presentation mode).",
        "学生扫码或打开链接即可：设置相同，以普通视图打开（不会进入演示模式）。",
    ),
    "share.qr": ("QR code of the link for students", "学生链接的二维码"),
    "a11y.region": ("Scrollable content", "可滚动内容"),
    "a11y.figure_table": ("The figure's numbers as a table", "图中的数据（表格）"),
    "a11y.figure_table_cut": (
        "The first {rows} rows; the export below has them all.",
        "只列出前 {rows} 行；下方的导出包含全部数据。",
    ),
    # --- training demos ---------------------------------------------------------------------
    "nav.training": ("Live training", "现场训练"),
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
    # --- task patterns and stateful training (issue 13) ------------------------------------
    "nav.patterns": ("Task patterns", "任务模式"),
    "pat.title": ("Task patterns: how the layer is used in a model", "任务模式：循环层在模型里怎么用"),
    "pat.purpose": (
        "Four ways a model uses the sidebar's module: classify a sequence, label every step, "
        "encode and decode, predict the next step. Every shape below comes from running the real modules.",
        "模型使用侧边栏这个模块的四种方式：给整段序列分类、给每一步打标签、编码再解码、预测下一步。"
        "下面每个形状都来自真实模块的运行结果。",
    ),
    "pat.pattern": ("Pattern", "模式"),
    "pat.name.many_to_one": ("many-to-one: classify a sequence", "多对一：给序列分类"),
    "pat.name.many_to_many": ("many-to-many: a label for every step", "多对多：每一步一个标签"),
    "pat.name.seq2seq": ("encoder–decoder with teacher forcing", "编码器–解码器（教师强制）"),
    "pat.name.bidir": ("next-step prediction: why not bidirectional", "预测下一步：为什么不能用双向"),
    "pat.classes": ("Classes C", "类别数 C"),
    "pat.classes_help": (
        "Classes of the head (the decoder's vocabulary): a whole number from {lo} to {hi}.",
        "输出层的类别数（解码器的词表大小）：{lo} 到 {hi} 之间的整数。",
    ),
    "pat.tensors": ("Every tensor on the way", "沿途的每个张量"),
    "pat.head": ("What feeds the head", "送进输出层的是什么"),
    "pat.loss": ("The loss", "损失"),
    "pat.loss_value": (
        "Loss on these random weights and targets: {value}",
        "在这些随机权重和目标上的损失：{value}",
    ),
    "pat.checks": ("Measured on the real tensors:", "在真实张量上测量："),
    "pat.check_row": ("`{claim}`: max |Δ| = {diff}", "`{claim}`：最大 |Δ| = {diff}"),
    "pat.mistake": ("The classic mistake", "常见错误"),
    "pat.torch_says": ("torch raises:", "torch 报错："),
    "pat.torch_accepts": (
        "torch raises nothing here: the mistake runs silently.",
        "这里 torch 不会报错：这个错误会悄无声息地运行下去。",
    ),
    "pat.snippet": ("Run it yourself", "自己运行"),
    "pat.snippet_caption": (
        "This script builds the same modules with the same weights and data and prints every shape in the "
        "table, the loss and each measured difference.",
        "这段脚本用相同的权重和数据构建同样的模块，并打印表中的每个形状、损失和每个测得的差值。",
    ),
    "exp.patterns_script": ("Python script of this pattern", "这个模式的 Python 脚本"),
    "col.code": ("Code", "代码"),
    "rule.over_budget_patterns": (
        "running this pattern would take about {seconds} s of this shared {device} ({gflops} GFLOP, "
        "{mb} MB); one interaction may take {max_seconds} s and {max_mb} MB. Settings that fit: {suggestion}",
        "运行这个模式约需这台共享 {device} 的 {seconds} 秒（{gflops} GFLOP、{mb} MB）；每次交互最多 "
        "{max_seconds} 秒、{max_mb} MB。可以改用：{suggestion}",
    ),
    "rule.pat_decoder": (
        "the decoder joins the encoder's two directions, so it would need hidden_size = {width}; this app "
        "allows at most {hi}, and {limit} parameters per module; lower hidden_size",
        "解码器要把编码器的两个方向拼接起来，因此它的 hidden_size 将是 {width}；本应用最多允许 {hi}，"
        "且每个模块最多 {limit} 个参数；请减小 hidden_size",
    ),
    "pat.note.batched": (
        "Heads and losses take a batch: the input is shown as a batch of N = 1.",
        "输出层和损失函数都需要批量：这里把输入当作批量大小 N = 1 的一批。",
    ),
    "pat.note.two_steps": (
        "Step 0 predicts step 1, so this pattern needs at least 2 steps: it uses L = 2.",
        "第 0 步要预测第 1 步，所以这个模式至少需要 2 个时间步：这里使用 L = 2。",
    ),
    "pat.note.decoder": (
        "Derived from the sidebar: the decoder is `{call}` (one direction: a decoder writes one step after "
        "another and cannot read ahead); its tokens are embedded {E} wide (the encoder's input_size); the "
        "target sequence has T = {T} steps, a length of its own.",
        "由侧边栏推出：解码器是 `{call}`（单向：解码器一步接一步地生成，不能往后看）；它的词元被嵌入成 {E} 维"
        "（即编码器的 input_size）；目标序列有 T = {T} 步，长度与输入无关。",
    ),
    # why each tensor of a pattern has its shape
    "pat.why.x": (
        "The input: L steps, N sequences, H_in features (time first).",
        "输入：L 个时间步、N 条序列、H_in 个特征（时间在前）。",
    ),
    "pat.why.x_bf": (
        "The input: N sequences, L steps, H_in features (batch_first=True).",
        "输入：N 条序列、L 个时间步、H_in 个特征（batch_first=True）。",
    ),
    "pat.why.output": (
        "The last layer's h_t at every step, both directions side by side: D·H_out = {D}·{H_out} wide.",
        "最后一层在每个时间步的 h_t，两个方向并排：最后一维大小为 D·H_out = {D}·{H_out}。",
    ),
    "pat.why.output_uni": (
        "The last layer's h_t at every step: H_out = {H_out} wide.",
        "最后一层在每个时间步的 h_t：最后一维大小为 H_out = {H_out}。",
    ),
    "pat.why.h_n": (
        "Each layer and direction's final state; batch_first never applies to it.",
        "每一层、每个方向的最终状态；batch_first 对它不起作用。",
    ),
    "pat.why.c_n": (
        "The LSTM's final cell states, H_cell = hidden_size wide even with proj_size.",
        "LSTM 的最终细胞状态，最后一维大小是 H_cell = hidden_size，即使设了 proj_size 也一样。",
    ),
    "pat.why.m2o_features": (
        "h_n[-1] is the last layer's state after reading the whole sequence: one vector per sequence.",
        "h_n[-1] 是最后一层读完整段序列后的状态：每条序列一个向量。",
    ),
    "pat.why.m2o_features_bidir": (
        "h_n[-2] (forward, after the last step) and h_n[-1] (reverse, after step 0) of the last layer, "
        "joined along the last dim: 2·H_out = 2·{H_out} wide.",
        "最后一层的 h_n[-2]（正向，读到最后一步）和 h_n[-1]（反向，读到第 0 步），沿最后一维拼接：大小为 2·H_out = 2·{H_out}。",
    ),
    "pat.why.m2o_logits": (
        "nn.Linear(D·H_out, C): one score per class for each sequence.",
        "nn.Linear(D·H_out, C)：每条序列每个类别一个分数。",
    ),
    "pat.why.m2o_target": (
        "One class id per sequence, from 0 to C − 1.",
        "每条序列一个类别编号，取值 0 到 C − 1。",
    ),
    "pat.why.loss": (
        "The mean over every scored item: a 0-dim tensor.",
        "对所有打分项取平均：一个 0 维张量。",
    ),
    "pat.why.m2m_logits": (
        "nn.Linear acts on the last dim only, so it scores every step of every sequence at once.",
        "nn.Linear 只作用在最后一维上，所以一次就给每条序列的每一步打分。",
    ),
    "pat.why.m2m_target": (
        "One class id per step, laid out like the steps of the input.",
        "每一步一个类别编号，排列方式与输入的时间步一致。",
    ),
    "pat.why.m2m_flat": (
        "CrossEntropy wants (items, C): every step of every sequence becomes one row.",
        "CrossEntropy 要求 (样本数, C)：每条序列的每一步变成一行。",
    ),
    "pat.why.m2m_flat_target": (
        "Flattened in the same order as the logits, so row i still meets its own label.",
        "按与 logits 相同的顺序展平，第 i 行仍然对应它自己的标签。",
    ),
    "pat.why.m2m_ncl": (
        "The other form CrossEntropy accepts: (N, C, L), classes in dim 1.",
        "CrossEntropy 接受的另一种形式：(N, C, L)，类别在第 1 维（dim 1）。",
    ),
    "pat.why.m2m_nl": ("Its target: (N, L), batch first.", "对应的目标：(N, L)，批量在前。"),
    "pat.why.m2m_loss_ncl": (
        "The same loss as the flattened one (the difference is measured below).",
        "与展平后的损失相同（下面测量了两者之差）。",
    ),
    "pat.why.s2s_layers": (
        "h_n's rows are ordered layer by layer, forward then reverse: view splits them into (num_layers, D).",
        "h_n 的行按层排列，每层先正向后反向：view 把它们拆成 (num_layers, D)。",
    ),
    "pat.why.s2s_h0_bidir": (
        "Each layer's two directions joined side by side: one state per layer for a one-direction decoder "
        "D·H_out wide.",
        "每一层的两个方向沿最后一维拼接：为隐藏状态大小为 D·H_out 的单向解码器每层提供一个状态。",
    ),
    "pat.why.s2s_c0_bidir": (
        "The cell states joined the same way: D·H_cell wide.",
        "细胞状态按同样方式拼接：最后一维大小为 D·H_cell。",
    ),
    "pat.why.s2s_h0": (
        "The encoder's h_n as it is: the decoder has the same layers and width.",
        "直接使用编码器的 h_n：解码器的层数和隐藏状态大小都与它相同。",
    ),
    "pat.why.s2s_c0": (
        "The encoder's c_n as it is: an LSTM decoder takes both.",
        "直接使用编码器的 c_n：LSTM 解码器两个状态都要。",
    ),
    "pat.why.s2s_target": (
        "The sequence to produce: T = {T} token ids from 1 to C − 1 (0 is the start token).",
        "要生成的序列：T = {T} 个词元编号，取值 1 到 C − 1（0 是起始词元）。",
    ),
    "pat.why.s2s_dec_in": (
        "Teacher forcing: the decoder reads the start token, then the TRUE previous token at each step, "
        "not its own guess.",
        "教师强制：解码器先读起始词元，之后每一步读的是真实的上一个词元，而不是它自己的预测。",
    ),
    "pat.why.s2s_embedded": ("Each token as an H_in-wide vector.", "每个词元变成一个 H_in 维的向量。"),
    "pat.why.s2s_dec_out": (
        "The decoder's h_t at every target step, started from the encoder's final states.",
        "解码器在每个目标时间步的 h_t，从编码器的最终状态出发。",
    ),
    "pat.why.next_pred": (
        "A guess of x_(t+1) from output at every step but the last (nothing follows it).",
        "除最后一步外，每一步都用 output 预测 x_(t+1)（最后一步之后没有值可预测）。",
    ),
    "pat.why.next_target": (
        "The true next values: the input shifted by one step.",
        "真实的下一个值：把输入平移一步。",
    ),
    "pat.why.leak_x": (
        "The same input with only x_1 changed: the value output at step 0 is asked to predict.",
        "同样的输入，只改了 x_1：也就是第 0 步的 output 要预测的那个值。",
    ),
    # what each pattern feeds its head, and its loss
    "pat.m2o.head": (
        "`h_n[-1]`: the last layer's final state has read every step. (It equals the last step of output, "
        "measured below.) With bidirectional=True it would be the reverse direction alone: switch it on in "
        "the sidebar to see the classic mistake.",
        "`h_n[-1]`：最后一层的最终状态读过了每一步。（它等于 output 的最后一步，下面有测量。）"
        "若 bidirectional=True，它就只是反向的状态：在侧边栏打开它，可以看到这个常见错误。",
    ),
    "pat.m2o.head_bidir": (
        "Both directions of the last layer: h_n[-2] is the forward one (it ends at the last step), h_n[-1] "
        "the reverse one (it ends at step 0). output's last step holds the reverse direction after only one "
        "step, so h_n is the summary to use.",
        "最后一层的两个方向：h_n[-2] 是正向（读到最后一步结束），h_n[-1] 是反向（读到第 0 步结束）。"
        "output 的最后一步里，反向只读了一步，所以应当用 h_n 作为整段摘要。",
    ),
    "pat.m2o.loss": (
        "nn.CrossEntropyLoss takes raw scores (N, C) and class ids (N,): no softmax before it.",
        "nn.CrossEntropyLoss 接收原始分数 (N, C) 和类别编号 (N,)：之前不要再加 softmax。",
    ),
    "pat.m2o.mistake": (
        "`h_n[-1]` alone is only the last layer's REVERSE direction, H_out = {H_out} wide, not {width}: "
        "a head built for both directions refuses it.",
        "单独的 `h_n[-1]` 只是最后一层的反向状态，最后一维大小是 H_out = {H_out} 而不是 {width}：为两个方向搭建的输出层不接受它。",
    ),
    "pat.m2m.head": (
        "`output`, the whole of it: every step carries the last layer's state at that step (both directions "
        "when bidirectional: labelling a step may use what comes after it).",
        "整个 `output`：每一步都带着最后一层在该步的状态（双向时两个方向都有：给某一步打标签可以用到它之后的内容）。",
    ),
    "pat.m2m.loss": (
        "CrossEntropy wants the classes in dim 1: flatten to (items, {C}) and (items,), or move the classes "
        "to dim 1 with (N, C, L) and (N, L). Both give the same number.",
        "CrossEntropy 要求类别在第 1 维（dim 1）：要么展平成 (样本数, {C}) 和 (样本数,)，要么把类别移到第 1 维，"
        "用 (N, C, L) 和 (N, L)。两种写法结果相同。",
    ),
    "pat.m2m.mistake_error": (
        "Passing the 3-D logits as they are: torch reads dim 1 (size {dim1}) as the classes, not the C = {C} "
        "scores.",
        "直接传入 3 维的 logits：torch 会把第 1 维（dim 1，大小 {dim1}）当成类别，而不是 C = {C} 个分数。",
    ),
    "pat.m2m.mistake_silent": (
        "Passing the 3-D logits as they are: torch reads dim 1 (size {dim1}) as the classes. Here it equals "
        "C = {C} by chance, so it runs, with the classes on the wrong axis.",
        "直接传入 3 维的 logits：torch 会把第 1 维（dim 1，大小 {dim1}）当成类别。这里它碰巧等于 C = {C}，"
        "所以能运行，但类别用错了维度。",
    ),
    "pat.s2s.head": (
        "`dec_out`: one decoder state per target step, each scored over the vocabulary.",
        "`dec_out`：每个目标时间步一个解码器状态，每个都在整个词表上打分。",
    ),
    "pat.s2s.loss": (
        "As in many-to-many: flatten the steps. At inference there is no target: the decoder reads its own "
        "previous guess instead, one step at a time.",
        "与多对多相同：把各步展平。推理时没有目标：解码器改为一步一步地读取自己上一步的预测。",
    ),
    "pat.s2s.mistake_bidir": (
        "The bidirectional encoder's h_n has {rows} rows H_out = {H_out} wide; a one-direction decoder of "
        "{layers} layers wants {layers} rows {width} wide. Join each layer's two directions (as above), or "
        "map them with an nn.Linear bridge.",
        "双向编码器的 h_n 有 {rows} 行、每行大小为 H_out = {H_out}；{layers} 层的单向解码器需要 {layers} 行、每行大小为 {width}。"
        "请把每层的两个方向拼接起来（如上表），或用一个 nn.Linear 做映射。",
    ),
    "pat.s2s.mistake_layers": (
        "A decoder with another layer count: {more} layers want {more} rows of h_0, the encoder gives {layers}. "
        "Give the decoder the same num_layers, pass only h_n[-k:] to a decoder of k layers, or map the states "
        "with an nn.Linear.",
        "解码器层数不同：{more} 层需要 {more} 行 h_0，编码器只给出 {layers} 行。请让解码器的 num_layers 相同，"
        "或只把 h_n[-k:] 交给 k 层的解码器，或用 nn.Linear 映射状态。",
    ),
    "pat.bidir.head": (
        "`output` at steps 0 … L−2, each asked to predict the input at the next step.",
        "第 0 … L−2 步的 `output`，每一步都要预测下一步的输入。",
    ),
    "pat.bidir.loss": (
        "Mean squared error against the input shifted by one step.",
        "与平移一步后的输入计算均方误差。",
    ),
    "pat.leak": ("Does output at step 0 see its own answer?", "第 0 步的 output 看到了自己的答案吗？"),
    "pat.leak_intro": (
        "Only x_1 (the value to predict) was changed and the real module run again. The change of output at "
        "step 0, per direction:",
        "只改动 x_1（要预测的那个值），再运行一次真实模块。第 0 步的 output 在每个方向上的变化：",
    ),
    "pat.leak_row": (
        "{direction}: max |Δ| = {diff} — {verdict}",
        "{direction}：最大 |Δ| = {diff} —— {verdict}",
    ),
    "pat.leak_yes": ("it changed: this half has read the future", "变了：这一半读到了未来"),
    "pat.leak_no": ("unchanged: it has not read the future", "没变：它没有读到未来"),
    "pat.leak_inactive": (
        "unchanged this time, but only because its relu units are inactive (0) for both inputs: it has read "
        "x_1 all the same, and other weights or inputs show the change",
        "这次没变，但只是因为它的 relu 单元对两个输入都没有激活（输出 0）：它照样读到了 x_1，换一组权重或输入就能看到变化",
    ),
    "pat.leak_bidir": (
        "The bidirectional layer's output at step 0 depends on x_1, the very value it should predict: in "
        "training it can copy the answer, and when generating there is no x_1 yet. Use bidirectional=False "
        "for next-step prediction; a bidirectional layer is for tasks that see the whole sequence first "
        "(tagging, classification, an encoder).",
        "双向层在第 0 步的 output 依赖于 x_1，也就是它本该预测的值：训练时它可以直接抄答案，而生成时 x_1 还不存在。"
        "预测下一步请用 bidirectional=False；双向层适用于先看到整段序列的任务（序列标注、分类、编码器）。",
    ),
    "pat.leak_layers": (
        "With num_layers > 1 even the forward half changed: layer 1 reads layer 0's reverse direction.",
        "num_layers > 1 时连正向部分也变了：第 1 层读入了第 0 层的反向输出。",
    ),
    "pat.leak_uni": (
        "One direction: output at step t has read x_0 … x_t only, so it cannot see the answer. Switch on "
        "bidirectional in the sidebar to see the leak.",
        "单向：第 t 步的 output 只读过 x_0 … x_t，看不到答案。在侧边栏打开 bidirectional 即可看到泄漏。",
    ),
    "pat.forward": ("forward", "正向"),
    "pat.reverse": ("reverse", "反向"),
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
    "exp.stateful_csv": (
        "Every way, every step: loss, time, autograd nodes, batches spanned, bytes kept (CSV)",
        "每种方式的每一步：损失、用时、autograd 节点数、回溯的批次数、保留的字节数（CSV）",
    ),
    # --- shape debugger ---------------------------------------------------------------------
    "cli.ok": (
        "{path}: runs under real torch; no shape error.",
        "{path}：在真实 torch 下可以运行，没有形状错误。",
    ),
    "cli.fix": ("Fix:", "修改建议："),
    "cli.warning": ("warning", "警告"),
    "cli.shapes": ("Shapes where it stopped:", "停止时各张量的形状："),
    "rule.shape": (
        "is not a shape: write 1 to 4 positive whole numbers, e.g. (2, 5, 20), 2,5,20 or [2 5 20]",
        "不是有效的形状：请写 1 到 4 个正整数，例如 (2, 5, 20)、2,5,20 或 [2 5 20]",
    ),
    "nav.debugger": ("Shape debugger", "形状调试器"),
    "dbgp.title": ("Shape debugger", "形状调试器"),
    "dbgp.purpose": (
        "Paste PyTorch code that fails (or silently misbehaves). The checker reads it without running it, "
        "applies torch's real shape rules, and says what torch would say, where, why, and how to fix it.",
        "粘贴出错（或悄悄出错）的 PyTorch 代码。检查器不会运行它，而是套用 torch 真实的形状规则，告诉你 torch 会报什么错、"
        "在哪一行、为什么，以及怎么改。",
    ),
    "dbgp.input_mode": ("Input", "输入方式"),
    "dbgp.mode_code": ("Code", "代码"),
    "dbgp.mode_form": ("Form (no code)", "表单（不写代码）"),
    "dbgp.example": ("Start from an example", "从示例开始"),
    "dbgp.example_none": ("(my own code)", "（我自己的代码）"),
    "dbgp.example_unknown": (
        "The link asks for the example '{name}', which this page does not have; pick one below.",
        "链接要打开的示例“{name}”在本页不存在，请在下方选择一个示例。",
    ),
    "dbgp.code": ("Your code", "你的代码"),
    "dbgp.check": ("Check", "检查"),
    "dbgp.ok": (
        "Real torch would run this to the end: no shape error.",
        "真实的 torch 可以运行到结尾：没有形状错误。",
    ),
    "dbgp.torch_says": ("Line {line}: torch raises {kind}", "第 {line} 行：torch 抛出 {kind}"),
    "dbgp.why": ("Why", "原因"),
    "dbgp.where": ("Where", "位置"),
    "dbgp.steps": ("Every tensor, line by line", "逐行列出每个张量"),
    "dbgp.col.line": ("Line", "行"),
    "dbgp.col.name": ("Name", "名称"),
    "dbgp.col.shape": ("Shape", "形状"),
    "dbgp.warnings": ("Silent mistakes", "不报错的隐患"),
    "dbgp.fix": ("The fix", "修改方法"),
    "dbgp.fixed": ("Your code with the fix in place", "改好后的完整代码"),
    "dbgp.recheck": ("Check the fixed code", "检查改好的代码"),
    "dbgp.after_ok": (
        "Checked with the fix in place: the code then runs to the end.",
        "已带着这处修改重新检查：改好后代码能运行到最后。",
    ),
    "dbgp.after_error": (
        "Checked with the fix in place: this error is gone, but torch would then raise {kind} at line {line} "
        "(below). Apply the fix and check again for the next one.",
        "已带着这处修改重新检查：这个错误没有了，但 torch 接着会在第 {line} 行报 {kind}（见下）。"
        "请先应用这处修改，再检查一次以处理下一个错误。",
    ),
    "dbgp.after_unknown": (
        "With the fix in place, this checker cannot follow the code to the end (see the fixed code's check).",
        "应用这处修改后，本检查器无法把代码检查到最后（请检查改好的代码看原因）。",
    ),
    "dbgp.unresolved": (
        "These names are used but never defined: {names}. Define them in the code (e.g. batch_size = 32).",
        "这些名字被使用但没有定义：{names}。请在代码中定义它们（例如 batch_size = 32）。",
    ),
    "dbgp.form_x": ("input shape", "input 的形状"),
    "dbgp.form_h0": ("h_0 shape (empty: not passed)", "h_0 的形状（留空：不传入）"),
    "dbgp.form_c0": ("c_0 shape (LSTM; empty: not passed)", "c_0 的形状（LSTM；留空：不传入）"),
    "dbgp.form_code": ("The code this form describes", "该表单对应的代码"),
    "dbgp.values": (
        "Or give their values here: a number (e.g. 32), or a shape (e.g. (5, 3, 10)) for a tensor. They are "
        "written in front of your code as assignments, and the check runs again; nothing is executed.",
        "也可以在这里给出它们的值：一个数（例如 32），或张量的形状（例如 (5, 3, 10)）。它们会以赋值语句的形式写在你的代码前面，"
        "然后重新检查；代码不会被执行。",
    ),
    "dbgp.values_used": (
        "Checked with the values you gave, written in front of your code:",
        "已使用你给出的值（写在代码前面）进行检查：",
    ),
    "dbgp.value_help": (
        "A number binds that number; a shape binds torch.randn(shape).",
        "填一个数就绑定这个数；填形状就绑定 torch.randn(形状)。",
    ),
    "dbgp.exp_fixed": ("The fixed code (.py)", "改好的代码（.py）"),
    "dbgp.exp_code": ("The checked code (.py)", "检查的代码（.py）"),
    "dbgp.exp_steps": ("The shape table, line by line (CSV)", "逐行形状表（CSV）"),
    "dbgp.exp_report": ("The diagnosis as text (.txt)", "诊断结果（文本 .txt）"),
    "rule.dbg_value": (
        "must be a number (e.g. 32) or a shape of 1 to 4 positive whole numbers (e.g. (5, 3, 10))",
        "必须是一个数（例如 32），或由 1 到 4 个正整数组成的形状（例如 (5, 3, 10)）",
    ),
    "rule.dbg_name": ("is not a name Python can assign to", "不是 Python 可以赋值的名字"),
    "dbg.values_comment": ("values given on the page", "页面上给出的值"),
    "what.call depth": ("nested calls", "嵌套调用"),
    "what.data size": ("data size", "数据量"),
    "what.iterations": ("loop iterations", "循环次数"),
    "what.list length": ("list length", "列表长度"),
    "what.nesting": ("nesting depth", "嵌套深度"),
    "what.num_layers": ("num_layers", "num_layers"),
    "what.number size": ("the size of a number", "数值大小"),
    "what.sequence length": ("sequence length", "序列长度"),
    "what.statements": ("statements executed", "执行的语句数"),
    "what.time": (
        "checking budget (about a second of estimated work; counted, so the same on any machine)",
        "检查预算（估计约 1 秒的工作量；按计数估算，在任何机器上结果都一样）",
    ),
    "what.text size": ("the length of a string", "字符串长度"),
    "dbg.not_text": ("The snippet must be text.", "代码片段必须是文本。"),
    "dbg.too_long": (
        "The snippet has {n} characters; this checker reads at most {limit}.",
        "代码片段有 {n} 个字符；本检查器最多读取 {limit} 个。",
    ),
    "dbg.syntax": ("Python cannot parse this code: {error}", "Python 无法解析这段代码：{error}"),
    "dbg.too_large": (
        "Too large to check: {reason} Nothing was run for real, and nobody else's page was slowed; "
        "make the sizes or loops smaller and check again.",
        "太大，无法检查：{reason}代码并没有真正运行，也没有拖慢其他人的页面；请把尺寸或循环改小后再检查。",
    ),
    "dbg.too_large.cpu": (
        "checking it needed more than 5 seconds of computing (something compares, hashes or prints a "
        "very large or deeply nested structure).",
        "检查它需要超过 5 秒的计算（有代码在比较、哈希或打印一个非常大或嵌套很深的结构）。",
    ),
    "dbg.too_large.memory": (
        "checking it needed more memory than this server gives one check (about 1.5 GB): a tensor or "
        "structure this size has to exist for real to be checked.",
        "检查它需要的内存超过了本服务器给一次检查的上限（约 1.5 GB）：这么大的张量或结构必须真实存在才能检查。",
    ),
    "dbg.too_large.stalled": (
        "the check did not finish within a minute.",
        "检查在一分钟内没有完成。",
    ),
    "dbg.too_large.crashed": (
        "the checker failed on it (this is our fault, not your code's).",
        "检查器在处理它时出错（这是我们的问题，不是你的代码的问题）。",
    ),
    "dbg.refused": (
        "Line {line}: {construct} is outside what this checker evaluates, so nothing after it was checked. "
        "It reads imports of torch, torch.nn.functional and torch.optim, tensors, nn.RNN/LSTM/GRU and their "
        "cells, Embedding, Linear, Dropout, activations, Sequential, losses, optimizers, nn.Module classes, "
        "plain functions, loops and comprehensions.",
        "第 {line} 行：{construct} 不在本检查器可计算的范围内，其后的代码未检查。它支持 torch、torch.nn.functional "
        "和 torch.optim 的导入、张量、nn.RNN/LSTM/GRU 及其 Cell、Embedding、Linear、Dropout、激活函数、Sequential、"
        "损失函数、优化器、nn.Module 类、普通函数、循环和推导式。",
    ),
    "dbg.limit": (
        "Line {line}: the snippet reached this checker's limit on {what}; it stops there instead of running on.",
        "第 {line} 行：代码片段达到了本检查器对 {what} 的上限，检查在此停止。",
    ),
    "dbg.name": (
        "{error}. Define it above this line (or tell the form its value).",
        "{error}。请在这一行之前定义它（或在表单中给出它的值）。",
    ),
    "dbg.name_import": (
        "{error}: the module is used under its usual name but never imported. Add {code} at the top.",
        "{error}：代码按惯用的名字使用了这个模块，但从没有导入它。请在开头加上 {code}。",
    ),
    "dbg.generic": (
        "torch raised {kind}. The tensors in this call had shapes {shapes}.",
        "torch 抛出了 {kind}。该调用中的张量形状为 {shapes}。",
    ),
    "dbg.input_size": (
        "{x} has shape {shape}: its last axis holds {got} features, but {mod} was built with input_size={expected}. "
        "The last axis of the input must equal input_size.",
        "{x} 的形状是 {shape}：最后一维有 {got} 个特征，但 {mod} 构建时 input_size={expected}。输入的最后一维必须等于 input_size。",
    ),
    "dbg.univariate": (
        "{x} has shape {shape}: a univariate series missing its feature axis. torch reads "
        "2-D input as one unbatched sequence (L, H_in), so it takes the batch axis for "
        "{got} features. {mod} expects (L, N, 1): add the axis.",
        "{x} 的形状是 {shape}：单变量序列缺少特征维。torch 把二维输入当作一个不带 batch "
        "的序列 (L, H_in)，于是把 batch 维当成了 {got} 个特征。{mod} 需要 (L, N, 1)："
        "请加上这一维。",
    ),
    "dbg.after_bidir": (
        "{x} comes from a bidirectional layer, so it is D·H_out = 2·{H} = {got} wide, but {mod} expects "
        "input_size={expected}. Build the next layer with input_size={got}.",
        "{x} 来自双向层，最后一维的大小是 D·H_out = 2·{H} = {got}，但 {mod} 的 input_size={expected}。"
        "请用 input_size={got} 构建下一层。",
    ),
    "dbg.embedding": (
        "{x} comes from nn.Embedding with embedding_dim={got}, but {mod} expects input_size={expected}. The "
        "embedding size is the RNN's input_size.",
        "{x} 来自 embedding_dim={got} 的 nn.Embedding，但 {mod} 的 input_size={expected}。词向量维度就是 RNN 的 input_size。",
    ),
    "dbg.hx_layers": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. Its first axis counts layers and "
        "directions: D·num_layers = {D}·{layers} = {expected[0]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。第 0 维（dim "
        "0）是层数乘方向数：D·num_layers = {D}·{layers} = {expected[0]}。",
    ),
    "dbg.hx_batch_first": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. batch_first=True changes only "
        "input and output: {which} is still (D·num_layers, N, H), with the batch N = {expected[1]} on axis 1.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。batch_first=True "
        "只影响 input 和 output：{which} 仍然是 (D·num_layers, N, H)，批量大小 N = {expected[1]} "
        "在第 1 维（dim 1）。",
    ),
    "dbg.hx_batch_first_swapped": (
        "{name} has shape {got}: it was built batch-first, as (N, D·num_layers, {H}). But batch_first=True "
        "applies to input and output only. {which} is always (D·num_layers, N, {H}), whatever batch_first "
        "says: here ({D}·{layers}, {N}, {width}) = {expected}, layers and directions first, the batch N = {N} "
        "second. Swap its first two axes where you build it.",
        "{name} 的形状是 {got}：它是按 batch 在前的方式构建的，即 (N, D·num_layers, {H})。"
        "但 batch_first=True 只作用于 input 和 output。无论 batch_first 怎么设，{which} "
        "的形状永远是 (D·num_layers, N, {H})：这里是 ({D}·{layers}, {N}, {width}) = {expected}，"
        "层数乘方向数在第 0 维（dim 0），批量大小 N = {N} 在第 1 维（dim 1）。请在创建它的地方交换第 "
        "0 维和第 1 维。",
    ),
    "dbg.data_batch_first": (
        "{x} has shape {shape}, and {name} was built for a batch of {N} (axis 0 of {x}): your data is "
        "batch-first, (N, L, H_in). But {mod} was built without batch_first, so it reads {x} as (L, N, H_in): "
        "{N} timesteps of a batch of {L}, which is why it expects {which} of shape {expected}. Leave {name} as "
        "it is and give {mod} the layout of the data: build it with batch_first=True, or pass "
        "{x}.transpose(0, 1), which is (L, N, H_in). (With batch_first=True, output becomes (N, L, …) too, so "
        "output[-1] would then be the last sample: use output[:, -1].)",
        "{x} 的形状是 {shape}，而 {name} 是按批量大小 {N}（{x} 的第 0 维）构建的：你的数据是 "
        "batch 在前的 (N, L, H_in)。但 {mod} 构建时没有设 batch_first，所以它把 {x} 读成 "
        "(L, N, H_in)：{N} 个时间步、批量大小为 {L}，因此它要求 {which} 的形状是 {expected}。"
        "{name} 不用改，要改的是 {mod} 读数据的方式：构建时加上 batch_first=True，或者传入 "
        "{x}.transpose(0, 1)，即 (L, N, H_in)。（设 batch_first=True 后 output 也变成 "
        "(N, L, …)，那时 output[-1] 是最后一个样本，应改用 output[:, -1]。）",
    ),
    "dbg.hx_batch": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it was built for a batch of "
        "{got[1]}, while {x} has a batch of {expected[1]}. Build it from the input's batch size.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它是按批量大小 "
        "{got[1]} 构建的，而 {x} 的批量大小是 {expected[1]}。请根据输入的批量大小构建。",
    ),
    "dbg.hx_batch_only": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it holds a batch of {got[1]}, "
        "while {x} has a batch of {expected[1]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它对应的批量大小是 "
        "{got[1]}，而 {x} 的批量大小是 {expected[1]}。",
    ),
    "dbg.hx_carried": (
        "{name} is no state you built: it is a final state that the recurrent call on line {line} returned, so "
        "it carries what the "
        "model has read so far. Rebuilding it as zeros would throw that away, so no fix is offered here. A "
        "state carries over only to a batch of the same size: for a batch of a new size start from a fresh "
        "state (zeros of the new batch, or your own init_hidden), or keep every batch one size (for example "
        "DataLoader(..., drop_last=True)).",
        "{name} 不是你自己创建的状态：它是第 {line} 行的循环层调用返回的最终状态，"
        "保存着模型到目前为止读到的内容。把它换成全零会丢掉这些信息，所以这里不给出自动修改。"
        "状态只能延续到批量大小相同的下一批：批量大小变了，就从新的状态开始（按新的批量大小创建的全零状态，"
        "或你自己的 init_hidden），或者让每一批的大小都相同（例如 DataLoader(..., drop_last=True)）"
        "。",
    ),
    "dbg.hx_carried_layers": (
        "{name} is no state you built: it is a final state that the recurrent call on line {line} returned, from "
        "a module with another "
        "number of layers or directions. Rebuilding it as zeros would throw it away, so no fix is offered here: "
        "how to pass it on is a design choice. Make it {rows} row(s) on purpose: for a bidirectional encoder, "
        "sum its two directions ({name}[0::2] + {name}[1::2], one row per layer) or concatenate them and map "
        "them through an nn.Linear(2·H, H); or build the receiving module with the same D·num_layers.",
        "{name} 不是你自己创建的状态：它是第 {line} 行的循环层调用返回的最终状态，来自层数或方向数不同的模块。把它换成全零会丢掉"
        "这些信息，所以这里不给出自动修改：怎样把它传下去是模型设计的选择。请有意地把它变成 {rows} 行：对双向编码器，"
        "可以把两个方向相加（{name}[0::2] + {name}[1::2]，每层一行），或者拼接后经过 nn.Linear(2·H, H) 映射；"
        "也可以让接收它的模块具有相同的 D·num_layers。",
    ),
    "dbg.hx_proj": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: with proj_size={proj}, h is "
        "proj_size wide, while c stays hidden_size={hidden} wide.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：设置 proj_size={proj} "
        "后，h 的大小是 proj_size，而 c 仍是 hidden_size={hidden}。",
    ),
    "dbg.hx_width": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: its last axis is the hidden width.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：最后一维是隐藏状态的大小。",
    ),
    "dbg.lstm_pair": (
        "{mod} is an LSTM: it takes its initial state as a pair (h_0, c_0). Given the single tensor {h}, torch "
        "split it along its first axis into two states, hence the confusing message.",
        "{mod} 是 LSTM：初始状态要以 (h_0, c_0) 二元组传入。只传入一个张量 {h} 时，torch "
        "沿第 0 维（dim 0）把它拆成两个状态，所以报错令人费解。",
    ),
    "dbg.lstm_single_state": (
        "{mod} is an nn.LSTM: its state is the pair (h_0, c_0), but {h} is one tensor of shape {shape}. torch "
        "does not check for that: it reads {h}[0] as h_0 and {h}[1] as c_0, and {h} has only {rows} row(s) on "
        "its first axis (D·num_layers), so there is no {h}[1]: hence the index out of bounds. Pass both states "
        "as a tuple: ({h}, c_0), with c_0 hidden_size wide.",
        "{mod} 是 nn.LSTM：它的状态是二元组 (h_0, c_0)，而 {h} 只是一个形状为 {shape} "
        "的张量。torch 不检查这一点：它把 {h}[0] 当作 h_0、{h}[1] 当作 c_0，可 {h} 的第 "
        "0 维（D·num_layers）只有 {rows} 行，根本没有 {h}[1]，于是报出索引越界。请把两个状态作为元组传入："
        "({h}, c_0)，其中 c_0 最后一维的大小是 hidden_size。",
    ),
    "dbg.lstm_pair_packed": (
        "{mod} is an nn.LSTM: its state is the pair (h_0, c_0). With a PackedSequence, torch hands the single "
        "tensor {h} straight to its kernel, which expects a tuple of tensors: hence 'invalid combination of "
        "arguments'. Pass ({h}, c_0).",
        "{mod} 是 nn.LSTM：它的状态是二元组 (h_0, c_0)。输入是 PackedSequence 时，torch 把单个张量 {h} 直接交给底层算子，"
        "而算子要的是张量元组，于是报出 “invalid combination of arguments”。请传入 ({h}, c_0)。",
    ),
    "dbg.packed_lstm_note": (
        "Note: on a PackedSequence, torch's nn.LSTM skips this check; real torch then fails later with a message "
        "that depends on the lengths, returns states of the wrong shape, or even crashes. This checker applies "
        "the rule nn.LSTM applies to padded input (and nn.GRU to packed input).",
        "注意：输入是 PackedSequence 时，torch 的 nn.LSTM 跳过了这项检查；真实的 torch 会在之后报出随长度而变的错误、"
        "返回形状错误的状态，甚至直接崩溃。本检查器采用 nn.LSTM 对填充输入（以及 nn.GRU 对打包输入）使用的同一条规则。",
    ),
    "dbg.proj_too_big": (
        "{mod}: proj_size={proj} is not smaller than hidden_size={hidden}. The projection shrinks h from "
        "hidden_size down to proj_size (c stays hidden_size wide), so torch requires proj_size < hidden_size. "
        "For h {proj} wide, drop proj_size and build it with hidden_size={proj}; to project, pick a proj_size "
        "below hidden_size.",
        "{mod}：proj_size={proj} 不小于 hidden_size={hidden}。投影把 h 从 hidden_size "
        "压缩到 proj_size（c 的大小仍是 hidden_size），所以 torch 要求 proj_size < hidden_size。"
        "若想让 h 的大小为 {proj}，去掉 proj_size，改用 hidden_size={proj} 构建；若确实要投影，"
        "proj_size 须小于 hidden_size。",
    ),
    "dbg.proj_not_lstm": (
        "{mod}: proj_size={proj} exists only on nn.LSTM, where it projects h down to proj_size while c stays "
        "hidden_size wide. nn.{kind} has no projection: drop proj_size (for narrower outputs, put an nn.Linear "
        "after it, or use nn.LSTM).",
        "{mod}：proj_size={proj} 只有 nn.LSTM 才有，它把 h 投影到 proj_size，而 c 的大小保持 "
        "hidden_size。nn.{kind} 没有投影：请去掉 proj_size（需要更小的输出时，在其后接一个 "
        "nn.Linear，或改用 nn.LSTM）。",
    ),
    "dbg.hx_batched": (
        "{x} has shape {shape}, and the state you passed to {mod} has a different number of axes: batched "
        "(3-D) input needs 3-D states, unbatched (2-D) input 2-D states.",
        "{x} 的形状是 {shape}，而传给 {mod} 的状态维数不同：带 batch 的三维输入需要三维状态，不带 batch 的二维输入需要二维状态。",
    ),
    "dbg.gru_tuple": (
        "{mod} is an nn.{kind}: it takes one initial state h_0, not a pair (h_0, c_0) like an LSTM.",
        "{mod} 是 nn.{kind}：只接受一个初始状态 h_0，不像 LSTM 那样接受 (h_0, c_0)。",
    ),
    "dbg.int_input": (
        "{x} holds integers ({dtype}). Token ids must go through nn.Embedding first; numeric data must be float.",
        "{x} 是整数（{dtype}）。词的编号要先经过 nn.Embedding；数值数据必须是浮点数。",
    ),
    "dbg.dtype_input": (
        "{x} is {dtype} but the weights are {wdtype}: convert the input (or the model) so they match.",
        "{x} 是 {dtype}，而权重是 {wdtype}：请转换输入（或模型），使二者一致。",
    ),
    "dbg.state_is": ("{name} is {dtype}", "{name} 是 {dtype}"),
    "dbg.state_dtype": (
        "The shapes are right, the dtypes are not: {states}, while the weights of {mod} are {wdtype}. Every "
        "step multiplies the state by the weights (W_hh·h), and torch's matrix product needs the same dtype "
        "on both sides. Convert the state with .{method} (or build it with dtype={wdtype}), so that it matches "
        "the weights and the input.",
        "形状没有问题，问题在 dtype：{states}，而 {mod} 的权重是 {wdtype}。每个时间步都要把状态乘以权重（W_hh·h），"
        "torch 的矩阵乘法要求两边的 dtype 相同。请用 .{method} 转换状态（或在创建时写 dtype={wdtype}），"
        "让它与权重和输入一致。",
    ),
    "dbg.cell_sequence": (
        "{mod} is an nn.{kind}Cell: it computes one timestep, so it takes (N, H_in), not the whole sequence "
        "{shape}. Loop over time.",
        "{mod} 是 nn.{kind}Cell：它只计算一个时间步，所以输入是 (N, H_in)，而不是整个序列 {shape}。请按时间循环。",
    ),
    "dbg.lstmcell_pair": (
        "{mod} is an nn.LSTMCell: its state is the pair (h, c).",
        "{mod} 是 nn.LSTMCell：它的状态是 (h, c) 二元组。",
    ),
    "dbg.linear": (
        "{x} is {got} wide in its last axis, but {mod} was built with in_features={expected}.",
        "{x} 最后一维的大小是 {got}，但 {mod} 构建时 in_features={expected}。",
    ),
    "dbg.linear_bidir": (
        "{x} comes from a bidirectional RNN, so it is D·H = {got} wide, but {mod} was built for in_features="
        "{expected} (H). Use D·H.",
        "{x} 来自双向 RNN，最后一维的大小是 D·H = {got}，但 {mod} 按 in_features={expected}（H）"
        "构建。请用 D·H。",
    ),
    "dbg.linear_hn_bidir": (
        "{x} is the final state of one direction only. For a bidirectional layer h_n is (D·num_layers, N, "
        "H_out), and its last layer's two final states are {base}[-2] (forward, after the last step) and "
        "{base}[-1] (backward, after reading back to the first step), each {H} wide. {mod} expects "
        "in_features={expected} = 2·{H}: both directions. Keep {mod} and join them: "
        "torch.cat(({base}[-2], {base}[-1]), dim={dim}).",
        "{x} 只是一个方向的最终状态。双向层的 h_n 形状是 (D·num_layers, N, H_out)，"
        "最后一层的两个最终状态是 {base}[-2]（正向，读完最后一步之后）和 {base}[-1]（反向，"
        "倒着读回第一步之后），大小各为 {H}。{mod} 需要 in_features={expected} = 2·{H}，"
        "也就是两个方向都要。{mod} 不用改，把两者拼起来：torch.cat(({base}[-2], {base}[-1]), "
        "dim={dim})。",
    ),
    "dbg.pack_sorted": (
        "pack_padded_sequence expects lengths sorted longest first unless you pass enforce_sorted=False (torch "
        "then sorts and unsorts for you).",
        "pack_padded_sequence 默认要求 lengths 从长到短排序；传入 enforce_sorted=False 后 torch 会替你排序并还原顺序。",
    ),
    "dbg.pack_batch_first": (
        "pack_padded_sequence got {n} lengths for a batch of {batch}: it read the wrong axis as the batch. Pass "
        "batch_first=True if your padded tensor is (N, L, …).",
        "pack_padded_sequence 收到 {n} 个长度，但批量大小是 {batch}：它把错误的维当成了 "
        "batch 维。如果填充后的张量是 (N, L, …)，请传入 batch_first=True。",
    ),
    "dbg.unpack_gru": (
        "A GRU or RNN returns (output, h_n), with h_n one tensor; unpacking it as (h, c) splits h_n along its "
        "first axis.",
        "GRU 或 RNN 返回 (output, h_n)，h_n 是一个张量；把它拆成 (h, c) 会沿第 0 维（dim 0）切开 h_n。",
    ),
    "dbg.ce_sequence": (
        "{loss} reads the classes along dim 1: it takes scores (N, C) with targets (N,), or (N, C, L) with "
        "targets (N, L). {pred} is {pred_shape}, a score for each of {C} classes at every step, laid out "
        "(N, L, C), and {target} is {target_shape}, so torch took dim 1 for the classes. Flatten the steps "
        "into the batch: {pred}.reshape(-1, {C}) against {target}.reshape(-1) (or move the classes to dim 1 "
        "with {pred}.permute(0, 2, 1)).",
        "{loss} 沿第 1 维（dim 1）读取类别：它接受 (N, C) 的分数配 (N,) 的目标，或 (N, "
        "C, L) 的分数配 (N, L) 的目标。{pred} 的形状是 {pred_shape}，即每个时间步对 {C} "
        "个类别各给一个分数，排列为 (N, L, C)；{target} 的形状是 {target_shape}，于是 "
        "torch 把第 1 维当成了类别。请把时间步并入 batch：{pred}.reshape(-1, {C}) 配 "
        "{target}.reshape(-1)（或用 {pred}.permute(0, 2, 1) 把类别移到第 1 维）。",
    ),
    "dbg.ce_target_column": (
        "{loss} wants one class index per row: targets of shape (N,), here ({N_hint},). {target} is "
        "{target_shape}, a column; drop its last axis with {target}.squeeze(-1).",
        "{loss} 要求每一行一个类别下标：目标的形状应为 (N,)，这里是 ({N_hint},)。{target} 的形状是 {target_shape}，"
        "是一列；请用 {target}.squeeze(-1) 去掉最后一维。",
    ),
    "dbg.ce_batch": (
        "{loss} pairs each row of scores with one class index: {pred} has {rows} rows, shape {pred_shape}; "
        "{target} holds {labels}, shape {target_shape}. When the scores are a sequence flattened to (N·L, C), "
        "flatten the targets the same way, {target}.reshape(-1); otherwise both must come from the same batch.",
        "{loss} 把每一行分数与一个类别下标配对：{pred} 有 {rows} 行，形状 {pred_shape}；{target} 有 {labels} 个，"
        "形状 {target_shape}。如果分数是把序列展平成 (N·L, C) 得到的，请用同样方式展平目标：{target}.reshape(-1)；"
        "否则两者必须来自同一个 batch。",
    ),
    "dbg.cell_tuple": (
        "{mod} is an nn.{kind}: its state is one tensor h of shape (N, hidden_size) = (N, {H}), not a pair "
        "(h, c) as for an nn.LSTMCell; it has no cell state c. torch called .dim() on the tuple you passed, "
        "hence the message about a 'tuple' object. Pass h alone.",
        "{mod} 是 nn.{kind}：它的状态只是一个张量 h，形状 (N, hidden_size) = (N, {H})，不像 nn.LSTMCell 那样是 "
        "(h, c) 二元组，它没有细胞状态 c。torch 对你传入的元组调用了 .dim()，所以报错说 'tuple' 对象没有这个属性。"
        "只传 h 即可。",
    ),
    "dbg.cell_input": (
        "{x} has shape {shape}: its last axis holds {got} features, but {mod} was built with "
        "input_size={expected}. A cell's input is one timestep, (N, input_size).",
        "{x} 的形状是 {shape}：最后一维有 {got} 个特征，但 {mod} 构建时 input_size={expected}。"
        "Cell 的输入是一个时间步，形状 (N, input_size)。",
    ),
    "dbg.cell_batch": (
        "{mod} is an nn.{kind}: it computes one timestep for a whole batch, from an input (N, input_size) and "
        "a state {which} (N, hidden_size), and both must hold the same batch N. {x} has shape {shape}, a batch "
        "of {N}, but {name} has shape {state}, a batch of {got}. Build the state from the input's batch size: "
        "(N, hidden_size) = ({N}, {H}).",
        "{mod} 是 nn.{kind}：它为整个 batch 计算一个时间步，输入是 (N, input_size)，状态 "
        "{which} 是 (N, hidden_size)，两者的批量大小 N 必须相同。{x} 的形状是 {shape}，"
        "批量大小为 {N}；而 {name} 的形状是 {state}，批量大小为 {got}。请按输入的批量大小创建状态："
        "(N, hidden_size) = ({N}, {H})。",
    ),
    "dbg.cell_carried": (
        "{name} is no state you built: the cell returned it on line {line}, for a batch of {got}, and it "
        "carries what the cell has read so far. Rebuilding it as zeros would throw that away, so no fix is "
        "offered here. A state carries over only to a batch of the same size: for a batch of a new size, "
        "start from a fresh state.",
        "{name} 不是你自己创建的状态：它是第 {line} 行的 Cell 返回的，对应批量大小 {got}，"
        "保存着到目前为止读到的内容。把它换成全零会丢掉这些信息，所以这里不给出自动修改。"
        "状态只能延续到批量大小相同的下一批：批量大小变了，就从新的状态开始。",
    ),
    "dbg.cell_unbatched": (
        "{x} has shape {shape}: one sample, without a batch axis. {mod} then gives the sample a batch of one "
        "and adds that axis to {name} too: {state} becomes {batched}, and torch reads its axis 1 as the width, "
        "hence 'got {got}'. Unbatched input takes an unbatched state ({H},); batched input (N, input_size) "
        "takes a state (N, {H}). Pass {x} as a batch of one, {x}.unsqueeze(0), or {name} without its batch "
        "axis.",
        "{x} 的形状是 {shape}：这是一个没有 batch 维的样本。于是 {mod} 给它加上大小为 "
        "1 的 batch 维，也给 {name} 加上这一维：{state} 变成 {batched}，torch 再把它的第 "
        "1 维（dim 1）当成隐藏状态的大小，所以报 “got {got}”。不带 batch 的输入配不带 "
        "batch 的状态 ({H},)；带 batch 的输入 (N, input_size) 配状态 (N, {H})。请把 {x} "
        "作为只有一个样本的 batch 传入，即 {x}.unsqueeze(0)，或者去掉 {name} 的 batch "
        "维。",
    ),
    "dbg.cell_width": (
        "{name} has shape {state}, but {mod} was built with hidden_size={H}: the last axis of a cell's state "
        "({which}; for an nn.LSTMCell both h and c) is hidden_size wide, (N, {H}) for a batch and ({H},) for "
        "one sample.",
        "{name} 的形状是 {state}，但 {mod} 构建时 hidden_size={H}：Cell 状态（{which}；"
        "nn.LSTMCell 的 h 和 c 都是）最后一维的大小是 hidden_size，带 batch 时为 (N, "
        "{H})，单个样本时为 ({H},)。",
    ),
    "dbg.cell_state_3d": (
        "{name} has shape {state}, the layout of an nn.RNN/LSTM/GRU layer's h_0, (D·num_layers, N, H_out). "
        "{mod} is an nn.{kind}: one layer, one direction, one timestep, so its state has no layer axis: "
        "(N, hidden_size) = ({N}, {H}).",
        "{name} 的形状是 {state}，这是 nn.RNN/LSTM/GRU 层的 h_0 的布局 (D·num_layers, N, H_out)。{mod} 是 "
        "nn.{kind}：只有一层、一个方向、一个时间步，所以它的状态没有层这一维：(N, hidden_size) = ({N}, {H})。",
    ),
    "dbg.input_dims": (
        "{mod} reads a sequence: a batch as {layout}, or one sequence as (L, H_in), with H_in = input_size = "
        "{I} features at each timestep. {x} has {k} axes: {shape}.",
        "{mod} 读入的是序列：一个 batch 为 {layout}，单个序列为 (L, H_in)，每个时间步有 "
        "H_in = input_size = {I} 个特征。{x} 是 {k} 维张量：{shape}。",
    ),
    "dbg.input_dims_none": (
        "Reshape it to {layout} with {I} features at each timestep (or build the layer with the input_size "
        "your data has).",
        "请把它变形为 {layout}，每个时间步 {I} 个特征（或者按数据实际的特征数设置 input_size）。",
    ),
    "dbg.input_rows": (
        "Read as images (N, C, H, W) = ({N}, {C}, {H}, {W}), each image becomes a sequence of its {H} rows, "
        "each row's C·W = {CW} values one timestep: {code} is {new}, {layout}.",
        "把它看作图像 (N, C, H, W) = ({N}, {C}, {H}, {W})，每张图像就是由 {H} 行组成的序列，每一行的 C·W = {CW} "
        "个数是一个时间步：{code} 的形状是 {new}，即 {layout}。",
    ),
    "dbg.input_pixels": (
        "Read as images (N, C, H, W) = ({N}, {C}, {H}, {W}), with input_size equal to the channels C, each "
        "image becomes a sequence of its H·W = {HW} pixels, one pixel's {C} channel value(s) per timestep: "
        "{code} is {new}, {layout}.",
        "把它看作图像 (N, C, H, W) = ({N}, {C}, {H}, {W})，由于 input_size 等于通道数 C，每张图像就是由 "
        "H·W = {HW} 个像素组成的序列，每个时间步是一个像素的 {C} 个通道值：{code} 的形状是 {new}，即 {layout}。",
    ),
    "dbg.input_squeeze": (
        "Its axis 2 has size 1 and holds nothing: {code} drops it, giving {new}, {layout}.",
        "它的第 2 维（dim 2）大小为 1，是多余的：{code} 去掉这一维，得到 {new}，即 {layout}。",
    ),
    "dbg.input_series": (
        "With input_size=1 it is one series of L = {L} timesteps missing its feature axis: {code} is {new}, "
        "(L, H_in), one unbatched sequence (a batch would be (L, N, 1), or (N, L, 1) with batch_first).",
        "由于 input_size=1，它是一个缺少特征维、长 L = {L} 步的序列：{code} 的形状是 {new}，即 (L, H_in)，"
        "一个不带 batch 的序列（带 batch 时为 (L, N, 1)，batch_first 时为 (N, L, 1)）。",
    ),
    "dbg.input_one_step": (
        "Its {I} values match input_size: as one timestep of one sequence, {code} is {new}, (L, H_in).",
        "它的 {I} 个值正好等于 input_size：把它当作一个序列的一个时间步，{code} 的形状是 {new}，即 (L, H_in)。",
    ),
    "dbg.emb_negative": (
        "{mod} has one row per id, 0 … {last} (num_embeddings={n}), but {x} holds the id {lo}: a negative id "
        "has no row. Every id must lie in 0 … num_embeddings − 1.",
        "{mod} 为每个编号准备一行，编号范围是 0 … {last}（num_embeddings={n}），但 {x} 中有编号 {lo}：负数编号"
        "没有对应的行。所有编号都必须在 0 … num_embeddings − 1 之内。",
    ),
    "dbg.emb_range": (
        "{mod} was built with num_embeddings={n}, so it has rows for the ids 0 … {last}, but {x} holds the id "
        "{hi}. Every id must be below num_embeddings. An id equal to num_embeddings is the classic off-by-one: "
        "ids counted from 1, or a padding or unknown token added after the vocabulary was counted. Build it "
        "with num_embeddings = largest id + 1 = {need}.",
        "{mod} 构建时 num_embeddings={n}，只有编号 0 … {last} 的行，但 {x} 中有编号 {hi}。所有编号都必须小于 "
        "num_embeddings。编号恰好等于 num_embeddings 是典型的差一错误：编号从 1 开始，或者在统计词表之后又加了"
        "填充或未知词标记。请用 num_embeddings = 最大编号 + 1 = {need} 构建。",
    ),
    "dbg.emb_float": (
        "{mod} looks rows up by id: {x} must hold whole-number ids of type torch.long (or torch.int), each in "
        "0 … {last}, but it is {dtype}. If its values are ids, convert them with {x}.long().",
        "{mod} 按编号查找行：{x} 必须是 torch.long（或 torch.int）类型的整数编号，每个都在 0 … {last} 之内，"
        "但它是 {dtype}。如果它的值就是编号，请用 {x}.long() 转换。",
    ),
    "dbg.emb_not_ids": (
        "Its values are not all whole numbers in 0 … {last}, so they are no ids, and .long() would not fix "
        "that: map your tokens to ids (a vocabulary) first.",
        "但它的值并不都是 0 … {last} 之内的整数，所以并不是编号，.long() 解决不了：请先把词映射成编号（建立词表）。",
    ),
    "dbg.emb_random": (
        "{x} comes from torch.{fn}, random floats: they are no ids, and .long() truncates "
        "them toward 0, which gives ids such as −1 that have no row. For a test batch "
        "of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是随机浮点数：它们不是编号，.long() 会把它们向 0 取整，"
        "得到 −1 这样没有对应行的编号。要造一批测试用的编号，请抽取整数：{code}。",
    ),
    "dbg.packed_layer": (
        "{x} is a PackedSequence, what a recurrent layer returns for packed input: its "
        ".data stacks the real timesteps of every sequence, ({rows}, {width}), with no "
        "batch or time axis, and {mod} takes tensors only. Unpack it first: {code} is "
        "the padded output {padded}, with zeros after each sequence's end.",
        "{x} 是 PackedSequence，即循环层对打包输入返回的结果：它的 .data 把每个序列的有效时间步堆叠在一起，"
        "形状 ({rows}, {width})，没有 batch 维和时间维，而 {mod} 只接受张量。请先解包："
        "{code} 是填充后的输出 {padded}，每个序列结束之后补零。",
    ),
    "dbg.view_contiguous": (
        "{x} has shape {shape}, but its numbers are not stored in that order in memory: it is a view made by "
        ".transpose, .permute or .t (or a strided slice), which only swaps the strides. .view never copies, so "
        "it can only merge axes that lie one after another in memory, and {x}.view({args}) would merge axes "
        "that do not. Use {x}.reshape({args}), which copies when it must, or {x}.contiguous().view({args}).",
        "{x} 的形状是 {shape}，但它的数据在内存中并不是按这个顺序存放的：它是 .transpose、.permute 或 .t"
        "（或带步长的切片）得到的视图，只交换了步长（stride）。.view 从不复制数据，只能合并在内存中首尾相接的维，"
        "而 {x}.view({args}) 要合并的维并不相接。请用 {x}.reshape({args})（必要时会复制），或 "
        "{x}.contiguous().view({args})。",
    ),
    "dbg.cell_time_index": (
        "{x} has shape {shape}: batch first, (N, L, H_in), {N} samples of {L} timesteps. {x}[{t}] indexes "
        "axis 0, the samples, so at {t} = {idx} it ran out of samples, though there are {L} timesteps. {mod} "
        "takes one timestep of the whole batch, (N, H_in): for batch-first data that is {x}[:, {t}], of shape "
        "({N}, {F}).",
        "{x} 的形状是 {shape}：batch 在前，即 (N, L, H_in)，{N} 个样本、每个 {L} 个时间步。"
        "{x}[{t}] 索引的是第 0 维（dim 0），也就是样本，所以 {t} = {idx} 时样本已经用完了，"
        "而时间步共有 {L} 个。{mod} 每次接收整个 batch 的一个时间步 (N, H_in)：对 batch "
        "在前的数据，这是 {x}[:, {t}]，形状 ({N}, {F})。",
    ),
    "dbg.cell_time_state": (
        "The state was built for the {L} rows of {x}[{t}]; with {x}[:, {t}] the batch is {N}, so the state is "
        "(N, hidden_size) with N = {N}.",
        "状态原本是按 {x}[{t}] 的 {L} 行创建的；改成 {x}[:, {t}] 后批量大小是 {N}，所以状态应为 "
        "(N, hidden_size)，N = {N}。",
    ),
    "dbg.super_init": (
        "{cls}.__init__ assigns self.{attr}, a module, before nn.Module.__init__ has run. It is "
        "nn.Module.__init__ that sets up where a module keeps its layers and parameters (what "
        "model.parameters(), .to() and state_dict() read), so torch refuses the assignment. Call "
        "super().__init__() first in __init__, before any layer is assigned.",
        "{cls}.__init__ 在 nn.Module.__init__ 运行之前就给 self.{attr} 赋了一个模块。正是 nn.Module.__init__ "
        "建立了模块存放子层和参数的地方（model.parameters()、.to() 和 state_dict() 都从那里读取），所以 torch "
        "拒绝这次赋值。请在 __init__ 的最前面调用 super().__init__()，放在给任何层赋值之前。",
    ),
    "dbg.super_init_late": (
        "It is called, but only on line {line}, after the assignment: move it up (calling it a second time "
        "would reset what was registered).",
        "代码里调用了它，但在第 {line} 行，晚于这次赋值：请把它移到最前面（再调用一次会清空已经注册的内容）。",
    ),
    "dbg.backward_twice": (
        "{loss}.backward() on line {line} goes back through a graph that the backward() on line {first} has "
        "already freed: backward() frees the values a graph saved for it once it is done (unless "
        "retain_graph=True), so torch cannot go through that part again.",
        "第 {line} 行的 {loss}.backward() 要反向经过一段计算图，而这段图已经被第 {first} 行的 backward() 释放："
        "backward() 完成后会释放计算图为它保存的中间值（除非 retain_graph=True），所以 torch 无法再经过这一段。",
    ),
    "dbg.backward_twice_state": (
        "{state}, passed to {mod} on line {call_line}, was carried over from the previous iteration as it "
        "was, so this iteration's loss still hangs on the previous iteration's graph. Keep the state's values "
        "but cut it off its history before passing it on: {code} (truncated backpropagation through time). "
        "retain_graph=True is no fix: every backward() would run through all earlier iterations again, "
        "slower each time, and it fails once optimizer.step() has changed the weights.",
        "第 {call_line} 行传给 {mod} 的 {state} 是原样从上一次迭代带过来的，所以这一次的损失仍然连着上一次迭代的"
        "计算图。请保留状态的值，但在传下去之前切断它的历史：{code}（截断的时间反向传播）。retain_graph=True "
        "不是办法：每次 backward() 都会重新经过之前所有的迭代，越来越慢，而且一旦 optimizer.step() 改了权重就会报错。",
    ),
    "dbg.backward_twice_any": (
        "A tensor computed before that backward() is still part of this loss: compute it again in this "
        "iteration, or .detach() it where it is carried over.",
        "这个损失仍然用到了在那次 backward() 之前算出的张量：请在本次迭代中重新计算它，或在把它带到下一次迭代的地方"
        "调用 .detach()。",
    ),
    "dbg.w.bias_passed_as_batch_first": (
        "Line {line}: nn.{mode} got {value} as positional argument {pos}. That position is bias (True is "
        "already its default), not batch_first: write batch_first=True by name.",
        "第 {line} 行：nn.{mode} 的第 {pos} 个位置参数是 {value}。这个位置是 bias（它默认就是 True），不是 batch_first："
        "请写成 batch_first=True。",
    ),
    "dbg.w.last_step_of_batch": (
        "Line {line}: with batch_first=True, output is (N, L, …), so [-1] on the first axis is the last sample "
        "of the batch, not the last timestep. Use output[:, -1].",
        "第 {line} 行：batch_first=True 时 output 是 (N, L, …)，第 0 维（dim 0）上的 "
        "[-1] 是 batch 中最后一个样本，而不是最后一个时间步。请用 output[:, -1]。",
    ),
    "dbg.w.last_sample_of_time_first": (
        "Line {line}: this module was built without batch_first, so its output is (L, "
        "N, D·H_out) = ({L}, {N}, {width}), time first. [:, -1] on it takes the last "
        "sample of the batch at every timestep, a ({L}, {width}) tensor, not the last "
        "timestep of each sample. For the last timestep use output[-1], which is ({N}, "
        "{width}) (or {summary}); if your data is (N, L, H_in), build the module with "
        "batch_first=True.",
        "第 {line} 行：这个模块构建时没有设 batch_first，所以它的 output 是时间在前的 "
        "(L, N, D·H_out) = ({L}, {N}, {width})。对它取 [:, -1]，得到的是每个时间步上 "
        "batch 中最后一个样本，形状 ({L}, {width})，而不是每个样本的最后一个时间步。要取最后一个时间步请用 "
        "output[-1]，形状 ({N}, {width})（或用 {summary}）；如果你的数据是 (N, L, H_in)，"
        "请在构建模块时加上 batch_first=True。",
    ),
    "dbg.w.reverse_direction_partial": (
        "Line {line}: at the last timestep, the reverse half of a bidirectional output "
        "has seen only one step. As a summary, join both directions' final states, torch.cat((h_n[-2], "
        "h_n[-1]), dim=-1), 2·{H_out} wide, or take the forward half output[..., :{H_out}].",
        "第 {line} 行：在最后一个时间步，双向 output 的反向部分只看过一步。要做整段摘要，"
        "请把两个方向的最终状态拼起来：torch.cat((h_n[-2], h_n[-1]), dim=-1)，大小为 "
        "2·{H_out}；或只取正向部分 output[..., :{H_out}]。",
    ),
    "dbg.w.gru_state_unpacked": (
        "Line {line}: nn.{mode} returns (output, h_n); h_n is a single tensor, so (h, c) splits it along the "
        "layer axis instead of giving a cell state.",
        "第 {line} 行：nn.{mode} 返回 (output, h_n)；h_n 是一个张量，写成 (h, c) 会沿层这一维把它切开，并不会得到细胞状态。",
    ),
    "dbg.w.loss_broadcast": (
        "Line {line}: {loss} got a prediction of shape {pred} and a target of shape {target}. They are not "
        "the same shape, so torch broadcasts both to {shape} and compares every prediction with every "
        "target: the loss is wrong, and torch only warns. Make them one shape, e.g. pred.squeeze(-1) or "
        "target.view_as(pred).",
        "第 {line} 行：{loss} 收到形状为 {pred} 的预测和形状为 {target} 的目标。两者形状不同，torch 会把它们都广播成 "
        "{shape}，让每个预测与每个目标相比：损失是错的，而 torch 只给出警告。请让两者形状一致，例如 pred.squeeze(-1) "
        "或 target.view_as(pred)。",
    ),
}


def join(lang: str, *sentences: str) -> str:
    """Sentences joined as each language writes them: a space in English, nothing in Chinese."""
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


def t(key: str, lang: str = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` ('en' or 'zh'), formatted with ``params``."""
    text = MESSAGES[key][LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**params)
