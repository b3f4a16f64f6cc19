"""The gradient-flow page. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "grad.source_title": ("The hand-written gradients, as they ran", "实际运行的手写梯度代码"),
    "grad.source": (
        "The hand-written gradients as they ran (inspect.getsource from explainer/gradients.py):",
        "实际运行的手写梯度代码（由 inspect.getsource 从 explainer/gradients.py 读出）：",
    ),
}
