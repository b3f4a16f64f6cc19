"""Every string the app shows, in English and Chinese side by side, keyed by a stable name."""

from __future__ import annotations

LANGS = ("en", "zh")

# key: (English, 中文). Placeholders use str.format names and must match in both.
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
    "help.hidden_size": ("H_cell / H_out: width of the hidden state.", "H_cell / H_out：隐藏状态的宽度。"),
    "help.num_layers": (
        "Stacked layers; layer k>0 reads layer k-1's output.",
        "堆叠层数；第 k>0 层读取第 k-1 层的输出。",
    ),
    "help.bidirectional": (
        "D = 2: a second pass runs from t = L-1 back to 0.",
        "D = 2：另一方向从 t = L-1 反向跑到 0。",
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
        "LSTM only: projects h to this width (0 = off).",
        "仅 LSTM：把 h 投影到这个宽度（0 = 不投影）。",
    ),
    "help.seq_len": ("L: number of timesteps.", "L：时间步数。"),
    "help.batch_size": ("N: sequences in the batch.", "N：一个 batch 中的序列数。"),
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
        "这些是 PyTorch 官方文档的符号，本应用各页都使用它们。教材的写法不同：d2l 写作 `num_hiddens` "
        "和 `X W_xh`（输入在左、权重不转置）；PyTorch 把 `weight_ih` 存成（行 = 门数·隐藏宽度，"
        "列 = 输入宽度），计算的是 `x W_ih^T`。",
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
    "aka.H_out": ("output width of h", "h 的输出宽度"),
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
        "batch_first=True 把 batch 放到第一维；它只影响 input 和 output。",
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
        "最上层（第 {last} 层）在每个时间步的 h_t；没有层这一维。宽度 D·H_out = {D}·{H_out} = {width}。",
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
        "The reverse direction finishes at t = 0, so its final state is output at t = 0, not {out_last}.",
        "反向在 t = 0 处结束，所以它的最终状态是 t = 0 处的 output，而不是 {out_last}。",
    ),
    "why.c": (
        "LSTM's cell state: the same layout as h_0, width H_cell = hidden_size = {H_cell}.",
        "LSTM 的细胞状态：排列与 h_0 相同，宽度 H_cell = hidden_size = {H_cell}。",
    ),
    "why.c_proj": (
        "The cell state is not projected: it stays H_cell = hidden_size = {H_cell} wide while h is "
        "proj_size = {proj_size}.",
        "细胞状态不做投影：宽度仍是 H_cell = hidden_size = {H_cell}，而 h 是 proj_size = {proj_size}。",
    ),
    "why.c_n": (
        "The final cell state of every layer and direction, laid out like h_n.",
        "每层每个方向最后的细胞状态，排列与 h_n 相同。",
    ),
    "why.w_ih_0": (
        "Layer 0 reads the input, so H_in columns; one block of rows per gate.",
        "第 0 层读取输入，所以有 H_in 列；每个门占一块行。",
    ),
    "why.w_ih_k": (
        "Layers above 0 read the previous layer's output: D·H_out = {D}·{H_out} columns.",
        "第 0 层以上读取前一层的输出：D·H_out = {D}·{H_out} 列。",
    ),
    "why.weight_hh": (
        "Multiplies the previous h, so H_out columns; one block of rows per gate.",
        "与上一时刻的 h 相乘，所以有 H_out 列；每个门占一块行。",
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
        "Added to h·W_hhᵀ. Not interchangeable with b_ih: b_hn sits inside r ⊙ (W_hn h + b_hn).",
        "加在 h·W_hhᵀ 上。它不能与 b_ih 合并：b_hn 位于 r ⊙ (W_hn h + b_hn) 之内。",
    ),
    "why.weight_hr": (
        "proj_size: after each step h is projected from H_cell down to H_out.",
        "proj_size：每一步之后把 h 从 H_cell 投影到 H_out。",
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
    "q.n": ("n: new gate", "n：新状态门"),
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
        "本页每个 h 都与真实模块核对：最上层对照 output，最终状态对照 {finals}，每个内部层对照一个装有该层权重、"
        "以下一层输出为输入的真实单层 nn.{mode}。",
    ),
    "hs.gates_note": (
        "The module does not return its gates; they are backed by the h and c they produce.",
        "模块不返回门的值；门由它们算出的 h 和 c 间接验证。",
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
        "PyTorch's conventions, not the textbook's: weights multiply as x Wᵀ, every gate has two biases "
        "(b_i* and b_h*), LSTM's gates are stacked i, f, g, o and GRU's r, z, n.",
        "这里是 PyTorch 的约定，而不是教材的：权重以 x Wᵀ 的方式相乘，每个门有两个偏置（b_i* 和 b_h*），"
        "LSTM 的门按 i、f、g、o 堆叠，GRU 按 r、z、n 堆叠。",
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
        "The original GRU paper (Cho et al., 2014) and d2l reset the state before the matmul, "
        "n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn); PyTorch follows cuDNN, which computes h W_hhᵀ "
        "for all three gates in one matrix product before r is known, so r can only scale the "
        "finished product (W_hn h + b_hn).",
        "GRU 原论文（Cho 等，2014）和 d2l 在矩阵乘法之前先重置状态："
        "n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)；PyTorch 沿用 cuDNN 的做法，在 r 算出之前就用"
        "一次矩阵乘法算好三个门的 h W_hhᵀ，所以 r 只能作用在乘完的结果 (W_hn h + b_hn) 上。",
    ),
    "var.why.lstm_ifog": (
        "d2l and many tutorials write the gates in the order i, f, o and then the candidate g; PyTorch "
        "(like cuDNN) stacks the rows of weight_ih and weight_hh as i, f, g, o, so code that slices "
        "PyTorch's weights in the textbook's order uses the candidate's rows as the output gate and the "
        "output gate's rows as the candidate.",
        "d2l 和许多教程按 i、f、o、再候选值 g 的顺序写门；PyTorch（与 cuDNN 一样）把 weight_ih 和 "
        "weight_hh 的行按 i、f、g、o 堆叠，所以按教材顺序切分 PyTorch 权重的代码，会把候选值的行当成"
        "输出门，把输出门的行当成候选值。",
    ),
    "var.why.single_bias": (
        "This is what a from-scratch textbook implementation with one bias per gate (d2l's b_h) does "
        "when it is given PyTorch's weights: it keeps b_ih and drops b_hh, whereas PyTorch keeps both "
        "biases because cuDNN defines both.",
        "从零实现、每个门只有一个偏置的教材代码（如 d2l 的 b_h）拿到 PyTorch 的权重时就是这样做的："
        "保留 b_ih，丢掉 b_hh；而 PyTorch 保留两个偏置，因为 cuDNN 定义了两个。",
    ),
    "var.fold_sum": (
        "In nn.{mode} the two biases only ever appear as a sum, so the faithful one-bias port is "
        "b = b_ih + b_hh.",
        "在 nn.{mode} 中两个偏置总是以和的形式出现，所以正确的单偏置移植是 b = b_ih + b_hh。",
    ),
    "var.fold_gru": (
        "In nn.GRU no single bias is faithful: b_hn sits inside r ⊙ (W_hn h + b_hn), so it cannot be "
        "added to b_in.",
        "在 nn.GRU 中没有等价的单偏置写法：b_hn 位于 r ⊙ (W_hn h + b_hn) 之内，不能并入 b_in。",
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
        "Copy layer 0's weights into a real nn.{cell} and call it once per timestep, as the RNNCell "
        "tutorial does: nn.{mode} computes the same recurrence, only inside torch's fused "
        "implementation (a C++ loop on the CPU, cuDNN on the GPU).",
        "把第 0 层的权重复制进一个真实的 nn.{cell}，像 RNNCell 教程那样每个时间步调用一次："
        "nn.{mode} 计算的是同样的递推，只是放在 torch 的融合实现里（CPU 上是 C++ 循环，GPU 上是 cuDNN）。",
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
        "Reverse direction: a second cell holding the _reverse weights loops from t = L−1 down to 0; "
        "its final state is at output t = 0 and in h_n row 1.",
        "反向：第二个 cell 装入 _reverse 权重，从 t = L−1 循环到 0；它的最终状态在 output 的 t = 0 处，"
        "也就是 h_n 的第 1 行。",
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
        "不带 batch 的输入按 batch 为 1 循环。",
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
        "float32 on CUDA, where cuDNN runs RNN matmuls in TF32 (a 10-bit mantissa): in force here "
        "because `{setting}`. 1e-2 covers TF32 emulated on the CPU for every setting measured "
        "(worst 2.2e-3); not yet confirmed on a real GPU.",
        "CUDA 上的 float32，cuDNN 以 TF32（10 位尾数）执行 RNN 矩阵乘法：此处生效的设置是 "
        "`{setting}`。1e-2 覆盖在 CPU 上模拟 TF32 时实测的所有设置（最差 2.2e-3）；尚未在真实 GPU 上确认。",
    ),
    "tol.cuda_float32": (
        "float32 on CUDA with full-precision (IEEE) RNN matmuls: in force here because `{setting}`.",
        "CUDA 上的 float32，RNN 矩阵乘法使用完整精度（IEEE）：此处生效的设置是 `{setting}`。",
    ),
    "tol.scaled": (
        "Rounding grows with the numbers and with the terms each sum adds, so here the bound is "
        "{base} × {values} (the largest |h| or |c|, at least 1) × {fan} (√ of the widest layer input "
        "over hidden_size, at least 1).",
        "舍入误差随数值大小和每次求和的项数增长，所以这里的容差是 {base} × {values}（最大的 |h| 或 |c|，"
        "至少为 1）× {fan}（最宽的层输入除以 hidden_size 再开方，至少为 1）。",
    ),
    "tol.cuda_float64": ("float64 on CUDA.", "CUDA 上的 float64。"),
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
    "quiz.level.3": ("3 · proj_size and unbatched", "3 · proj_size 与不带 batch"),
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
        "Counted from every parameter's shape on the shapes page: {count}.",
        "由形状浏览器中每个参数的形状相加得到：{count}。",
    ),
    "quiz.rule_raises": (
        "torch says: {error} — h_0 must be {shape}.",
        "torch 的报错：{error}——h_0 必须是 {shape}。",
    ),
    "quiz.rule_fine": (
        "h_0 of shape {shape} is exactly what the module expects, so torch runs it.",
        "形状为 {shape} 的 h_0 正是模块需要的，torch 可以正常运行。",
    ),
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
    # --- packed sequences --------------------------------------------------------------
    "rule.lengths": (
        "must be 1 to {n} whole numbers from 1 to {hi}, e.g. 5, 3, 2",
        "必须是 1 到 {n} 个 1 到 {hi} 之间的整数，例如 5, 3, 2",
    ),
    "nav.packed": ("Packed sequences", "打包序列"),
    "pk.title": ("Packed sequences", "打包序列（PackedSequence）"),
    "pk.purpose": (
        "A batch of sequences of different lengths, padded to the longest; what pack_padded_sequence keeps; "
        "and proof, computed on the real module, that h_n holds each sequence's last real step.",
        "一批长度不同、补齐到最长的序列；pack_padded_sequence 保留了什么；以及在真实模块上算出的证明："
        "h_n 保存的是每条序列最后一个真实时间步。",
    ),
    "pk.lengths": ("Sequence lengths", "各序列长度"),
    "pk.enforce_sorted": (
        "enforce_sorted (lengths must be sorted, longest first)",
        "enforce_sorted（长度必须从长到短排好）",
    ),
    "pk.padded": (
        "The padded batch {shape}: blue cells are real steps, each labelled with its row in PackedSequence.data; grey is padding.",
        "补齐后的批 {shape}：蓝色格子是真实时间步，标注的是它在 PackedSequence.data 中的行号；灰色是填充。",
    ),
    "pk.seq": ("seq", "序列"),
    "pk.hover": (
        "t = %{{y}}<br>%{{x}}<br>row of .data: %{{text}}",
        "t = %{{y}}<br>%{{x}}<br>.data 中的行：%{{text}}",
    ),
    "pk.fields": ("What the PackedSequence holds", "PackedSequence 里有什么"),
    "pk.data": (
        "data {shape}: only the {n} real steps, time-major: all sequences' step 0, then step 1, …",
        "data {shape}：只有 {n} 个真实时间步，按时间排列：先是各序列的第 0 步，再是第 1 步……",
    ),
    "pk.batch_sizes": (
        "batch_sizes {sizes}: how many sequences are still running at each step.",
        "batch_sizes {sizes}：每个时间步还有多少条序列在继续。",
    ),
    "pk.sorted": (
        "sorted_indices {s}: the longest-first order torch ran them in; unsorted_indices {u} puts h_n back in your order.",
        "sorted_indices {s}：torch 按从长到短的顺序运行；unsorted_indices {u} 把 h_n 还原成你的顺序。",
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
    "pk.col.valid": ("① {fwd}|h_n − output at its last real step|", "① {fwd}|h_n − 最后真实步的 output|"),
    "pk.col.padded": ("② {fwd}|h_n − {last} without packing|", "② {fwd}|h_n − 不打包时的 {last}|"),
    "pk.col.rev_first": ("③ reverse: |h_n − output at t = 0|", "③ 反向：|h_n − t = 0 处的 output|"),
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
        "With packing, h_n is each sequence's own last real step.",
        "打包后，h_n 就是每条序列自己最后一个真实时间步。",
    ),
    "pk.note.padded": (
        "Without packing, the RNN runs every sequence for all {L} steps, on over the padding (zeros) once a shorter "
        "one has ended, so {last} is each sequence's state after t = {t}, padding included.",
        "不打包时，RNN 对每条序列都跑满 {L} 步，短序列结束后还会继续在填充（零）上运行，所以 {last} 是每条序列在 "
        "t = {t} 之后的状态，填充也算在内。",
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
        "Sequence {seqs}: shorter than the batch, yet equal. Running over the padding happened to leave the state "
        "unchanged with these weights (a ReLU unit at 0 stays at 0, for example): a coincidence of these numbers, not "
        "something to rely on.",
        "序列 {seqs} 比整批短，却仍然相等：用这组权重在填充上运行时，它的状态恰好没有变化（例如 ReLU 单元为 0 时会一直是 0）。"
        "这只是这组数字的巧合，不能依赖。",
    ),
    "pk.note.reverse": (
        "③ and ④ are the reverse direction, which reads each sequence from its last real step back to t = 0: its "
        "row of h_n should be output at t = 0, while the reverse half of {last} is that direction after only its first "
        "step.",
        "③ 和 ④ 是反向：它从每条序列最后一个真实时间步往回读到 t = 0，所以它在 h_n 中的那一行应当是 t = 0 处的 output；"
        "而 {last} 的反向那一半只是反向走完第一步后的状态。",
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
        "text, and an LSTM that predicts the next value of a sine wave from the previous 30.",
        "文章里的两个小模型，现场训练：一个学会续写文本的字符级 RNN，以及一个根据前 30 个值预测正弦波下一个值的 LSTM。",
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
        "Mean squared error on a stretch it did not train on: {mse}",
        "在未训练过的一段上的均方误差：{mse}",
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
    "what.time": ("time (1 second)", "时间（1 秒）"),
    "what.text size": ("the length of a string", "字符串长度"),
    "dbg.not_text": ("The snippet must be text.", "代码片段必须是文本。"),
    "dbg.too_long": (
        "The snippet has {n} characters; this checker reads at most {limit}.",
        "代码片段有 {n} 个字符；本检查器最多读取 {limit} 个。",
    ),
    "dbg.syntax": ("Python cannot parse this code: {error}", "Python 无法解析这段代码：{error}"),
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
        "{x} has shape {shape}: a univariate series is missing its feature axis, so torch reads the batch axis as "
        "features. {mod} expects (L, N, 1): add the axis.",
        "{x} 的形状是 {shape}：单变量序列缺少特征维，于是 torch 把 batch 维当成了特征。{mod} 需要 (L, N, 1)：请加上这一维。",
    ),
    "dbg.after_bidir": (
        "{x} comes from a bidirectional layer, so it is D·H_out = 2·{H} = {got} wide, but {mod} expects "
        "input_size={expected}. Build the next layer with input_size={got}.",
        "{x} 来自双向层，宽度是 D·H_out = 2·{H} = {got}，但 {mod} 的 input_size={expected}。请用 input_size={got} 构建下一层。",
    ),
    "dbg.embedding": (
        "{x} comes from nn.Embedding with embedding_dim={got}, but {mod} expects input_size={expected}. The "
        "embedding size is the RNN's input_size.",
        "{x} 来自 embedding_dim={got} 的 nn.Embedding，但 {mod} 的 input_size={expected}。词向量维度就是 RNN 的 input_size。",
    ),
    "dbg.hx_layers": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. Its first axis counts layers and "
        "directions: D·num_layers = {D}·{layers} = {expected[0]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。第一维是层数乘方向数：D·num_layers = {D}·{layers} = {expected[0]}。",
    ),
    "dbg.hx_batch_first": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}. batch_first=True changes only "
        "input and output: {which} is still (D·num_layers, N, H), with the batch N = {expected[1]} on axis 1.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}。batch_first=True 只影响 input 和 output："
        "{which} 仍然是 (D·num_layers, N, H)，batch N = {expected[1]} 在第 1 维。",
    ),
    "dbg.hx_batch_first_swapped": (
        "{name} has shape {got}: it was built batch-first, as (N, D·num_layers, {H}). But batch_first=True "
        "applies to input and output only. {which} is always (D·num_layers, N, {H}), whatever batch_first "
        "says: here ({D}·{layers}, {N}, {width}) = {expected}, layers and directions first, the batch N = {N} "
        "second. Swap its first two axes where you build it.",
        "{name} 的形状是 {got}：它是按 batch 在前的方式构建的，即 (N, D·num_layers, {H})。但 batch_first=True "
        "只作用于 input 和 output。无论 batch_first 怎么设，{which} 的形状永远是 (D·num_layers, N, {H})："
        "这里是 ({D}·{layers}, {N}, {width}) = {expected}，层数乘方向数在前，batch N = {N} 在第二维。"
        "请在创建它的地方交换前两维。",
    ),
    "dbg.data_batch_first": (
        "{x} has shape {shape}, and {name} was built for a batch of {N} (axis 0 of {x}): your data is "
        "batch-first, (N, L, H_in). But {mod} was built without batch_first, so it reads {x} as (L, N, H_in): "
        "{N} timesteps of a batch of {L}, which is why it expects {which} of shape {expected}. Leave {name} as "
        "it is and give {mod} the layout of the data: build it with batch_first=True, or pass "
        "{x}.transpose(0, 1), which is (L, N, H_in). (With batch_first=True, output becomes (N, L, …) too, so "
        "output[-1] would then be the last sample: use output[:, -1].)",
        "{x} 的形状是 {shape}，而 {name} 是按 batch 大小 {N}（{x} 的第 0 维）构建的：你的数据是 batch 在前的 "
        "(N, L, H_in)。但 {mod} 构建时没有设 batch_first，所以它把 {x} 读成 (L, N, H_in)：{N} 个时间步、"
        "batch 为 {L}，因此它要求 {which} 的形状是 {expected}。{name} 不用改，要改的是 {mod} 读数据的方式："
        "构建时加上 batch_first=True，或者传入 {x}.transpose(0, 1)，即 (L, N, H_in)。（设 batch_first=True 后 "
        "output 也变成 (N, L, …)，那时 output[-1] 是最后一个样本，应改用 output[:, -1]。）",
    ),
    "dbg.hx_batch": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it was built for a batch of "
        "{got[1]}, while {x} has a batch of {expected[1]}. Build it from the input's batch size.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它是为 batch 大小 {got[1]} 构建的，而 {x} 的 batch 是 {expected[1]}。"
        "请根据输入的 batch 大小构建。",
    ),
    "dbg.hx_batch_only": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: it holds a batch of {got[1]}, "
        "while {x} has a batch of {expected[1]}.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：它对应的 batch 大小是 {got[1]}，而 {x} 的 batch 是 "
        "{expected[1]}。",
    ),
    "dbg.hx_carried": (
        "{name} is no state you built: it is a final state that the recurrent call on line {line} returned, so "
        "it carries what the "
        "model has read so far. Rebuilding it as zeros would throw that away, so no fix is offered here. A "
        "state carries over only to a batch of the same size: for a batch of a new size start from a fresh "
        "state (zeros of the new batch, or your own init_hidden), or keep every batch one size (for example "
        "DataLoader(..., drop_last=True)).",
        "{name} 不是你自己创建的状态：它是第 {line} 行的循环层调用返回的最终状态，保存着模型到目前为止读到的内容。把它换成全零会"
        "丢掉这些信息，所以这里不给出自动修改。状态只能延续到 batch 大小相同的下一批：batch 大小变了，就从新的状态开始"
        "（按新 batch 大小创建的全零状态，或你自己的 init_hidden），或者让每一批大小相同（例如 "
        "DataLoader(..., drop_last=True)）。",
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
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：设置 proj_size={proj} 后，h 的宽度是 proj_size，"
        "而 c 仍是 hidden_size={hidden}。",
    ),
    "dbg.hx_width": (
        "{name} has shape {got}, but {mod} expects {which} of shape {expected}: its last axis is the hidden width.",
        "{name} 的形状是 {got}，但 {mod} 需要形状为 {expected} 的 {which}：最后一维是隐藏状态的宽度。",
    ),
    "dbg.lstm_pair": (
        "{mod} is an LSTM: it takes its initial state as a pair (h_0, c_0). Given the single tensor {h}, torch "
        "split it along its first axis into two states, hence the confusing message.",
        "{mod} 是 LSTM：初始状态要以 (h_0, c_0) 二元组传入。只传入一个张量 {h} 时，torch 沿第一维把它拆成两个状态，所以报错令人费解。",
    ),
    "dbg.lstm_single_state": (
        "{mod} is an nn.LSTM: its state is the pair (h_0, c_0), but {h} is one tensor of shape {shape}. torch "
        "does not check for that: it reads {h}[0] as h_0 and {h}[1] as c_0, and {h} has only {rows} row(s) on "
        "its first axis (D·num_layers), so there is no {h}[1]: hence the index out of bounds. Pass both states "
        "as a tuple: ({h}, c_0), with c_0 hidden_size wide.",
        "{mod} 是 nn.LSTM：它的状态是二元组 (h_0, c_0)，而 {h} 只是一个形状为 {shape} 的张量。torch 不检查这一点："
        "它把 {h}[0] 当作 h_0、{h}[1] 当作 c_0，可 {h} 的第一维（D·num_layers）只有 {rows} 行，根本没有 {h}[1]，"
        "于是报出索引越界。请把两个状态作为元组传入：({h}, c_0)，其中 c_0 的宽度是 hidden_size。",
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
        "{mod}：proj_size={proj} 不小于 hidden_size={hidden}。投影把 h 从 hidden_size 压缩到 proj_size（c 仍是 "
        "hidden_size 宽），所以 torch 要求 proj_size < hidden_size。若想让 h 宽 {proj}，去掉 proj_size，改用 "
        "hidden_size={proj} 构建；若确实要投影，proj_size 须小于 hidden_size。",
    ),
    "dbg.proj_not_lstm": (
        "{mod}: proj_size={proj} exists only on nn.LSTM, where it projects h down to proj_size while c stays "
        "hidden_size wide. nn.{kind} has no projection: drop proj_size (for narrower outputs, put an nn.Linear "
        "after it, or use nn.LSTM).",
        "{mod}：proj_size={proj} 只有 nn.LSTM 才有，它把 h 投影到 proj_size，而 c 保持 hidden_size 宽。nn.{kind} "
        "没有投影：请去掉 proj_size（需要更窄的输出时，在其后接一个 nn.Linear，或改用 nn.LSTM）。",
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
        "{x} 的最后一维宽 {got}，但 {mod} 构建时 in_features={expected}。",
    ),
    "dbg.linear_bidir": (
        "{x} comes from a bidirectional RNN, so it is D·H = {got} wide, but {mod} was built for in_features="
        "{expected} (H). Use D·H.",
        "{x} 来自双向 RNN，宽度是 D·H = {got}，但 {mod} 按 in_features={expected}（H）构建。请用 D·H。",
    ),
    "dbg.linear_hn_bidir": (
        "{x} is the final state of one direction only. For a bidirectional layer h_n is (D·num_layers, N, "
        "H_out), and its last layer's two final states are {base}[-2] (forward, after the last step) and "
        "{base}[-1] (backward, after reading back to the first step), each {H} wide. {mod} expects "
        "in_features={expected} = 2·{H}: both directions. Keep {mod} and join them: "
        "torch.cat(({base}[-2], {base}[-1]), dim={dim}).",
        "{x} 只是一个方向的最终状态。双向层的 h_n 形状是 (D·num_layers, N, H_out)，最后一层的两个最终状态是 "
        "{base}[-2]（正向，读完最后一步之后）和 {base}[-1]（反向，倒着读回第一步之后），各宽 {H}。{mod} 需要 "
        "in_features={expected} = 2·{H}，也就是两个方向都要。{mod} 不用改，把两者拼起来："
        "torch.cat(({base}[-2], {base}[-1]), dim={dim})。",
    ),
    "dbg.pack_sorted": (
        "pack_padded_sequence expects lengths sorted longest first unless you pass enforce_sorted=False (torch "
        "then sorts and unsorts for you).",
        "pack_padded_sequence 默认要求 lengths 从长到短排序；传入 enforce_sorted=False 后 torch 会替你排序并还原顺序。",
    ),
    "dbg.pack_batch_first": (
        "pack_padded_sequence got {n} lengths for a batch of {batch}: it read the wrong axis as the batch. Pass "
        "batch_first=True if your padded tensor is (N, L, …).",
        "pack_padded_sequence 收到 {n} 个长度，但 batch 是 {batch}：它把错误的维当成了 batch。如果填充后的张量是 (N, L, …)，请传入 batch_first=True。",
    ),
    "dbg.unpack_gru": (
        "A GRU or RNN returns (output, h_n), with h_n one tensor; unpacking it as (h, c) splits h_n along its "
        "first axis.",
        "GRU 或 RNN 返回 (output, h_n)，h_n 是一个张量；把它拆成 (h, c) 会沿第一维切开 h_n。",
    ),
    "dbg.ce_sequence": (
        "{loss} reads the classes along dim 1: it takes scores (N, C) with targets (N,), or (N, C, L) with "
        "targets (N, L). {pred} is {pred_shape}, a score for each of {C} classes at every step, laid out "
        "(N, L, C), and {target} is {target_shape}, so torch took dim 1 for the classes. Flatten the steps "
        "into the batch: {pred}.reshape(-1, {C}) against {target}.reshape(-1) (or move the classes to dim 1 "
        "with {pred}.permute(0, 2, 1)).",
        "{loss} 沿第 1 维读取类别：它接受 (N, C) 的分数配 (N,) 的目标，或 (N, C, L) 的分数配 (N, L) 的目标。"
        "{pred} 的形状是 {pred_shape}，即每个时间步对 {C} 个类别各给一个分数，排列为 (N, L, C)；{target} 的形状是 "
        "{target_shape}，于是 torch 把第 1 维当成了类别。请把时间步并入 batch：{pred}.reshape(-1, {C}) 配 "
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
        "{mod} 是 nn.{kind}：它为整个 batch 计算一个时间步，输入是 (N, input_size)，状态 {which} 是 "
        "(N, hidden_size)，两者的 batch N 必须相同。{x} 的形状是 {shape}，batch 为 {N}；而 {name} 的形状是 "
        "{state}，batch 为 {got}。请按输入的 batch 大小创建状态：(N, hidden_size) = ({N}, {H})。",
    ),
    "dbg.cell_carried": (
        "{name} is no state you built: the cell returned it on line {line}, for a batch of {got}, and it "
        "carries what the cell has read so far. Rebuilding it as zeros would throw that away, so no fix is "
        "offered here. A state carries over only to a batch of the same size: for a batch of a new size, "
        "start from a fresh state.",
        "{name} 不是你自己创建的状态：它是第 {line} 行的 Cell 返回的，对应 batch 大小 {got}，保存着到目前为止读到的"
        "内容。把它换成全零会丢掉这些信息，所以这里不给出自动修改。状态只能延续到 batch 大小相同的下一批：batch 大小"
        "变了，就从新的状态开始。",
    ),
    "dbg.cell_unbatched": (
        "{x} has shape {shape}: one sample, without a batch axis. {mod} then gives the sample a batch of one "
        "and adds that axis to {name} too: {state} becomes {batched}, and torch reads its axis 1 as the width, "
        "hence 'got {got}'. Unbatched input takes an unbatched state ({H},); batched input (N, input_size) "
        "takes a state (N, {H}). Pass {x} as a batch of one, {x}.unsqueeze(0), or {name} without its batch "
        "axis.",
        "{x} 的形状是 {shape}：这是一个没有 batch 维的样本。于是 {mod} 给它加上大小为 1 的 batch 维，也给 {name} "
        "加上这一维：{state} 变成 {batched}，torch 再把它的第 1 维当成宽度，所以报 “got {got}”。不带 batch 的输入"
        "配不带 batch 的状态 ({H},)；带 batch 的输入 (N, input_size) 配状态 (N, {H})。请把 {x} 作为只有一个样本的 "
        "batch 传入，即 {x}.unsqueeze(0)，或者去掉 {name} 的 batch 维。",
    ),
    "dbg.cell_width": (
        "{name} has shape {state}, but {mod} was built with hidden_size={H}: the last axis of a cell's state "
        "({which}; for an nn.LSTMCell both h and c) is hidden_size wide, (N, {H}) for a batch and ({H},) for "
        "one sample.",
        "{name} 的形状是 {state}，但 {mod} 构建时 hidden_size={H}：Cell 状态（{which}；nn.LSTMCell 的 h 和 c 都是）"
        "的最后一维宽度是 hidden_size，带 batch 时为 (N, {H})，单个样本时为 ({H},)。",
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
        "{mod} 读入的是序列：一个 batch 为 {layout}，单个序列为 (L, H_in)，每个时间步有 H_in = input_size = {I} "
        "个特征。{x} 有 {k} 个维度：{shape}。",
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
        "它的第 2 维大小为 1，是多余的：{code} 去掉这一维，得到 {new}，即 {layout}。",
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
        "{x} comes from torch.{fn}, random floats: they are no ids, and .long() of them gives ids such as "
        "−1, which have no row. For a test batch of ids, draw integers: {code}.",
        "{x} 来自 torch.{fn}，是随机浮点数：它们不是编号，.long() 之后还会出现 −1 这样没有对应行的编号。"
        "要造一批测试用的编号，请抽取整数：{code}。",
    ),
    "dbg.packed_layer": (
        "{x} is a PackedSequence, what a recurrent layer returns for packed input: its .data stacks the real "
        "timesteps of every sequence, ({rows}, {width}), with no batch or time axis, and {mod} takes tensors "
        "only. Unpack it first: {code} is the padded output {padded}, with zeros after each sequence's end. "
        "For one vector per sequence (a classifier head), use the final state h_n[-1] instead: it holds each "
        "sequence's last real timestep.",
        "{x} 是 PackedSequence，即循环层对打包输入返回的结果：它的 .data 把每个序列的有效时间步堆叠在一起，形状 "
        "({rows}, {width})，没有 batch 维和时间维，而 {mod} 只接受张量。请先解包：{code} 是填充后的输出 {padded}，"
        "每个序列结束之后补零。如果每个序列只需要一个向量（例如分类头），请改用最终状态 h_n[-1]：它保存着每个序列"
        "最后一个有效时间步。",
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
        "{x} 的形状是 {shape}：batch 在前，即 (N, L, H_in)，{N} 个样本、每个 {L} 个时间步。{x}[{t}] 索引的是"
        "第 0 维，也就是样本，所以 {t} = {idx} 时样本已经用完了，而时间步共有 {L} 个。{mod} 每次接收整个 batch 的"
        "一个时间步 (N, H_in)：对 batch 在前的数据，这是 {x}[:, {t}]，形状 ({N}, {F})。",
    ),
    "dbg.cell_time_state": (
        "The state was built for the {L} rows of {x}[{t}]; with {x}[:, {t}] the batch is {N}, so the state is "
        "(N, hidden_size) with N = {N}.",
        "状态原本是按 {x}[{t}] 的 {L} 行创建的；改成 {x}[:, {t}] 后 batch 是 {N}，所以状态应为 (N, hidden_size)，"
        "N = {N}。",
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
        "第 {line} 行：batch_first=True 时 output 是 (N, L, …)，第一维上的 [-1] 是 batch 中最后一个样本，而不是最后一个时间步。请用 output[:, -1]。",
    ),
    "dbg.w.last_sample_of_time_first": (
        "Line {line}: this module was built without batch_first, so its output is (L, N, D·H_out) = ({L}, {N}, "
        "{width}), time first. [:, -1] on it takes the last sample of the batch at every timestep, a ({L}, "
        "{width}) tensor, not the last timestep of each sample. For the last timestep use output[-1], which is "
        "({N}, {width}) (or h_n[-1]); if your data is (N, L, H_in), build the module with batch_first=True.",
        "第 {line} 行：这个模块构建时没有设 batch_first，所以它的 output 是时间在前的 (L, N, D·H_out) = ({L}, {N}, "
        "{width})。对它取 [:, -1]，得到的是每个时间步上 batch 中最后一个样本，形状 ({L}, {width})，而不是每个样本的"
        "最后一个时间步。要取最后一个时间步请用 output[-1]，形状 ({N}, {width})（或用 h_n[-1]）；如果你的数据是 "
        "(N, L, H_in)，请在构建模块时加上 batch_first=True。",
    ),
    "dbg.w.reverse_direction_partial": (
        "Line {line}: at the last timestep, the reverse half of a bidirectional output has seen only one step. "
        "As a summary, use h_n[-2:] (both directions' final states) or output[..., :{H_out}] for the forward half.",
        "第 {line} 行：在最后一个时间步，双向 output 的反向部分只看过一步。要做整段摘要，请用 h_n[-2:]（两个方向的最终状态），"
        "或只取正向部分 output[..., :{H_out}]。",
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
